import dgram from "node:dgram";
import type { AddressInfo } from "node:net";

/**
 * What one direction of a link does to the datagrams that cross it, as netem and tbf would (this
 * kernel has neither). A datagram is lost with probability `loss`, then waits its turn to be sent
 * at `rateKbps` behind at most `queueBytes` of earlier ones (tail drop beyond that), then travels
 * `delayMs` plus a uniform 0…`jitterMs`. Datagrams stay in order, as on one radio bearer.
 */
export type TImpairment = {
  delayMs: number;
  jitterMs: number;
  /** 0–1; 1 is an outage. */
  loss: number;
  /** null: no rate limit (and so no queue). */
  rateKbps: number | null;
  queueBytes: number;
};

/** A link's rate limit counts what the datagram costs on the wire: its IPv4 and UDP headers too. */
export const IP_UDP_HEADER_BYTES = 28;

export const CLEAR: TImpairment = { delayMs: 0, jitterMs: 0, loss: 0, rateKbps: null, queueBytes: 0 };

export type TDirectionCounters = { packets: number; lost: number; queueDropped: number; delivered: number; deliveredBytes: number };

/**
 * What kind of datagram it is, to tell what fills a link: RTP by payload type and SSRC (the header
 * stays clear under SRTP), RTCP, STUN (ICE checks) or DTLS.
 */
export function datagramKind(datagram: Buffer): string {
  const first = datagram[0] ?? 0;
  if (first < 4) return "stun";
  if (first >= 20 && first <= 63) return "dtls";
  if (first >= 128 && first <= 191 && datagram.length >= 12) {
    const type = datagram[1]! & 0x7f;
    if (type >= 64 && type <= 95) return "rtcp";
    return `rtp pt ${type} ssrc ${datagram.readUInt32BE(8)}`;
  }
  return "other";
}

/** One direction of a link: its settings, its send queue (as the time the link is busy until) and its counters. */
class Direction {
  impairment: TImpairment = CLEAR;
  readonly counters: TDirectionCounters = { packets: 0, lost: 0, queueDropped: 0, delivered: 0, deliveredBytes: 0 };
  /** Bytes offered to this direction, by datagramKind. */
  readonly offeredByKind = new Map<string, number>();
  #busyUntil = 0;
  #lastArrival = 0;

  constructor(private readonly random: () => number) {}

  /** Calls `deliver` when the datagram arrives at the far end, or never when it is lost or dropped. */
  carry(datagram: Buffer, deliver: () => void): void {
    const { delayMs, jitterMs, loss, rateKbps, queueBytes } = this.impairment;
    const size = datagram.length;
    const now = performance.now();
    this.counters.packets++;
    const kind = datagramKind(datagram);
    this.offeredByKind.set(kind, (this.offeredByKind.get(kind) ?? 0) + size);
    if (loss > 0 && this.random() < loss) {
      this.counters.lost++;
      return;
    }
    let departure = now;
    if (rateKbps !== null) {
      const wireSize = size + IP_UDP_HEADER_BYTES;
      const busyFor = Math.max(0, this.#busyUntil - now);
      const queued = (busyFor * rateKbps) / 8;
      if (queued + wireSize > queueBytes) {
        this.counters.queueDropped++;
        return;
      }
      departure = Math.max(now, this.#busyUntil) + (wireSize * 8) / rateKbps;
      this.#busyUntil = departure;
    }
    const arrival = Math.max(this.#lastArrival, departure + delayMs + this.random() * jitterMs);
    this.#lastArrival = arrival;
    const send = () => {
      // libuv's timers count whole milliseconds of a cached clock and can fire a little early.
      const early = arrival - performance.now();
      if (early > 0) return void setTimeout(send, Math.ceil(early));
      this.counters.delivered++;
      this.counters.deliveredBytes += size;
      deliver();
    };
    send();
  }
}

/** A client's access link, shared by all its flows (a browser's send and receive transports). */
export class Link {
  readonly up: Direction;
  readonly down: Direction;

  constructor(
    readonly name: string,
    random: () => number = Math.random,
  ) {
    this.up = new Direction(random);
    this.down = new Direction(random);
  }

  /** Changes the link from now on (e.g. an outage: loss 1 both ways); datagrams on their way keep going. */
  set(settings: { up?: Partial<TImpairment>; down?: Partial<TImpairment> }): void {
    if (settings.up) this.up.impairment = { ...this.up.impairment, ...settings.up };
    if (settings.down) this.down.impairment = { ...this.down.impairment, ...settings.down };
  }
}

export type TUdpRelayOptions = {
  /** The address clients send to: the media server's announced address (ANNOUNCED_IP). */
  listenHost: string;
  /** Where the media server really listens (LISTEN_IP). */
  targetHost: string;
  /** Each port is relayed to the same port on targetHost (the media server's RTC_MIN_PORT…RTC_MAX_PORT). */
  ports: number[];
};

/**
 * A UDP relay that stands where the media server says it is (its announced address) and forwards
 * each client's datagrams to where it really listens, through the client's Link. Each client
 * address gets its own upstream socket, so the media server sees one peer per client as it would
 * without the relay. A flow belongs to the link its media-server port is pinned to, or else to the
 * link that was `current` when its first datagram came, so clients that join one after another can
 * be given different links. Pinning matters because a browser starts a flow only when its
 * transport first carries media: a lone host's receiving transport starts when the next person
 * publishes, long after the host joined, and would otherwise land on that person's link.
 */
export class UdpRelay {
  current: Link;
  readonly #sockets: dgram.Socket[] = [];
  readonly #flows = new Map<string, { upstream: dgram.Socket; link: Link }>();
  readonly #pinned = new Map<number, Link>();

  private constructor(
    private readonly options: TUdpRelayOptions,
    link: Link,
  ) {
    this.current = link;
  }

  static async start(options: TUdpRelayOptions, link = new Link("clear")): Promise<UdpRelay> {
    const relay = new UdpRelay(options, link);
    try {
      for (const port of options.ports) relay.#sockets.push(await relay.#listen(port));
    } catch (error) {
      relay.close();
      throw error;
    }
    return relay;
  }

  /** Flows to this media-server port take `link`, whenever they start (a transport known from its client's signaling). */
  pin(port: number, link: Link): void {
    this.#pinned.set(port, link);
  }

  /** Client flows that were given this link. */
  flowsOn(link: Link): number {
    return [...this.#flows.values()].filter((flow) => flow.link === link).length;
  }

  close(): void {
    for (const socket of [...this.#sockets, ...[...this.#flows.values()].map((flow) => flow.upstream)]) socket.close();
    this.#sockets.length = 0;
    this.#flows.clear();
  }

  async #listen(port: number): Promise<dgram.Socket> {
    const front = dgram.createSocket("udp4");
    await bind(front, this.options.listenHost, port);
    front.on("message", (message, client) => {
      const key = `${port}|${client.address}:${client.port}`;
      let flow = this.#flows.get(key);
      if (!flow) {
        const upstream = dgram.createSocket("udp4");
        // Sends made before the bind completes are queued by dgram.
        upstream.bind(0, this.options.targetHost);
        upstream.on("error", () => undefined);
        flow = { upstream, link: this.#pinned.get(port) ?? this.current };
        const { link } = flow;
        upstream.on("message", (reply) => link.down.carry(reply, () => front.send(reply, client.port, client.address)));
        this.#flows.set(key, flow);
      }
      const { upstream, link } = flow;
      link.up.carry(message, () => upstream.send(message, port, this.options.targetHost));
    });
    front.on("error", () => undefined);
    return front;
  }
}

function bind(socket: dgram.Socket, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, host, () => {
      socket.off("error", reject);
      resolve(socket.address());
    });
  });
}

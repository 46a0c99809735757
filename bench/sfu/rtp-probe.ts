import { createSocket, type Socket } from "node:dgram";
import type { types } from "mediasoup";
import { LOOPBACK, type TIngestPorts } from "./plain-rtp";

const PROBE_SSRC = 33_000_000;
const PROBE_INTERVAL_MS = 20;

/** An Opus-shaped producer fed by the probe: mediasoup forwards the payload untouched. */
export const PROBE_RTP_PARAMETERS: types.RtpParameters = {
  codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc: PROBE_SSRC }],
};

/**
 * Measures the delay through the SFU: every 20 ms it sends an RTP packet whose payload carries
 * its index, and each sink notes when that index arrives. The payload is the one thing no SFU
 * rewrites, so a packet is matched across sinks on any node.
 */
export class RtpProbe {
  readonly #sender: Socket;
  readonly #sinks: Socket[] = [];
  readonly #sentAt = new Map<number, number>();
  readonly #arrivals = new Map<Socket, Map<number, number>>();
  #timer: NodeJS.Timeout | undefined;
  #index = 0;

  private constructor(sender: Socket) {
    this.#sender = sender;
  }

  static async open(): Promise<RtpProbe> {
    const sender = createSocket("udp4");
    await new Promise<void>((resolve) => sender.bind(0, LOOPBACK, () => resolve()));
    return new RtpProbe(sender);
  }

  /** A sink socket; its port is where a receiver's transport sends the probe's stream. */
  async sink(): Promise<{ port: number; delaysMs(): number[] }> {
    const socket = createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, LOOPBACK, () => resolve()));
    const arrivals = new Map<number, number>();
    this.#arrivals.set(socket, arrivals);
    this.#sinks.push(socket);
    socket.on("message", (message) => {
      const csrcCount = message[0]! & 0x0f;
      const extension = (message[0]! & 0x10) !== 0;
      let offset = 12 + csrcCount * 4;
      if (extension) offset += 4 + message.readUInt16BE(offset + 2) * 4;
      if (message.length < offset + 8 || message.readUInt32BE(offset) !== 0xd1e3ca00) return;
      arrivals.set(message.readUInt32BE(offset + 4), performance.now());
    });
    return {
      port: socket.address().port,
      delaysMs: () => [...arrivals].flatMap(([index, at]) => (this.#sentAt.has(index) ? [at - this.#sentAt.get(index)!] : [])),
    };
  }

  start(target: TIngestPorts): void {
    this.#timer = setInterval(() => {
      const index = this.#index++;
      const packet = Buffer.alloc(12 + 8 + 60);
      packet[0] = 0x80;
      packet[1] = 100;
      packet.writeUInt16BE(index & 0xffff, 2);
      packet.writeUInt32BE((index * 960) >>> 0, 4);
      packet.writeUInt32BE(PROBE_SSRC, 8);
      packet.writeUInt32BE(0xd1e3ca00, 12);
      packet.writeUInt32BE(index, 16);
      this.#sentAt.set(index, performance.now());
      this.#sender.send(packet, target.rtpPort, LOOPBACK);
    }, PROBE_INTERVAL_MS);
  }

  /** Forget what was measured so far (a new window starts). */
  reset(): void {
    this.#sentAt.clear();
    for (const arrivals of this.#arrivals.values()) arrivals.clear();
  }

  close(): void {
    clearInterval(this.#timer);
    this.#sender.close();
    for (const socket of this.#sinks) socket.close();
  }
}

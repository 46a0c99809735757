import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Link, UdpRelay, type TImpairment } from "./udp-relay";

export type TDirectionFigures = {
  sent: number;
  received: number;
  lossRatio: number;
  delayMinMs: number;
  delayMedianMs: number;
  delayMaxMs: number;
  /** Bytes received over the time from the first to the last arrival. */
  throughputKbps: number;
};

export type TRelayFigures = { up: TDirectionFigures; down: TDirectionFigures };

/** One datagram's header: sequence number and the time it was sent (same process, same clock). */
const HEADER_BYTES = 12;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

class Arrivals {
  readonly delays: number[] = [];
  first = Number.POSITIVE_INFINITY;
  last = 0;
  bytes = 0;

  note(message: Buffer): void {
    const now = performance.now();
    this.delays.push(now - message.readDoubleLE(4));
    this.first = Math.min(this.first, now);
    this.last = now;
    this.bytes += message.length;
  }

  figures(sent: number): TDirectionFigures {
    const sorted = [...this.delays].sort((a, b) => a - b);
    const span = this.last - this.first;
    return {
      sent,
      received: sorted.length,
      lossRatio: sent > 0 ? 1 - sorted.length / sent : 0,
      delayMinMs: sorted[0] ?? Number.NaN,
      delayMedianMs: percentile(sorted, 0.5),
      delayMaxMs: sorted.at(-1) ?? Number.NaN,
      // The first datagram's bytes were not carried within the span.
      throughputKbps: span > 0 ? ((this.bytes - this.bytes / Math.max(1, sorted.length)) * 8) / span : Number.NaN,
    };
  }
}

function bound(socket: dgram.Socket, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, host, () => resolve((socket.address() as AddressInfo).port));
  });
}

/**
 * Sends datagrams through a UdpRelay to an echo server and measures, in each direction, what came
 * out: loss, one-way delay and throughput, to compare with the link's settings. The echo server
 * stamps each reply with its own send time, so the down direction is measured on its own.
 */
export async function measureRelay(options: {
  up: TImpairment;
  down: TImpairment;
  packetBytes: number;
  packetsPerSecond: number;
  durationMs: number;
  listenHost?: string;
  targetHost?: string;
  random?: () => number;
}): Promise<TRelayFigures> {
  const listenHost = options.listenHost ?? "127.0.0.2";
  const targetHost = options.targetHost ?? "127.0.0.1";
  const echo = dgram.createSocket("udp4");
  const client = dgram.createSocket("udp4");
  const upArrivals = new Arrivals();
  const downArrivals = new Arrivals();
  let echoed = 0;
  echo.on("message", (message, from) => {
    upArrivals.note(message);
    message.writeDoubleLE(performance.now(), 4);
    echoed++;
    echo.send(message, from.port, from.address);
  });
  client.on("message", (message) => downArrivals.note(message));
  const port = await bound(echo, targetHost);
  await bound(client, "127.0.0.1");
  const link = new Link("measured", options.random);
  link.set({ up: options.up, down: options.down });
  const relay = await UdpRelay.start({ listenHost, targetHost, ports: [port] }, link);
  try {
    const total = Math.round((options.packetsPerSecond * options.durationMs) / 1000);
    const started = performance.now();
    for (let seq = 0; seq < total; seq++) {
      // Paced by the clock, not by timer counts, so a late timer sends a small burst.
      const due = started + (seq * 1000) / options.packetsPerSecond;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const message = Buffer.alloc(Math.max(HEADER_BYTES, options.packetBytes));
      message.writeUInt32LE(seq, 0);
      message.writeDoubleLE(performance.now(), 4);
      client.send(message, port, listenHost);
    }
    // Let the queue drain and the last datagrams travel.
    const drainMs = Math.max(options.up.delayMs + options.up.jitterMs, 0) + Math.max(options.down.delayMs + options.down.jitterMs, 0) + 1500;
    await sleep(drainMs + (options.down.rateKbps ? (options.down.queueBytes * 8) / options.down.rateKbps : 0));
    return { up: upArrivals.figures(total), down: downArrivals.figures(echoed) };
  } finally {
    relay.close();
    echo.close();
    client.close();
  }
}

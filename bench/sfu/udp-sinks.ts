import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";

/** Worker threads do not inherit tsx's loader, so the thread registers it before importing the TypeScript file. */
function tsxEntry(file: URL): URL {
  const code = `const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))});
register();
await import(${JSON.stringify(file.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** What the sinks saw of one stream: packets, and the highest sequence number, extended past wrap-around. */
export type TStreamTally = { packets: number; highestSeq: number };

/**
 * UDP sockets on 127.0.0.1 that stand in for receiving participants, read in a worker thread
 * (sink-thread.ts). They read only the RTP header, which is in the clear even under SRTP, so
 * nothing is decrypted. The SFU numbers each consumer's packets without gaps, so sequence numbers
 * sent minus packets received is the loss on the way out, as in an RTCP receiver report.
 */
export class UdpSinks {
  readonly #thread: Worker;
  readonly #ports: number[];
  #next = 0;

  private constructor(thread: Worker, ports: number[]) {
    this.#thread = thread;
    this.#ports = ports;
  }

  static async open(socketCount: number): Promise<UdpSinks> {
    const thread = new Worker(tsxEntry(new URL("./sink-thread.ts", import.meta.url)), { workerData: { socketCount } });
    const ports = await new Promise<number[]>((resolve, reject) => {
      thread.once("message", (message: { ports: number[] }) => resolve(message.ports));
      thread.once("error", reject);
    });
    return new UdpSinks(thread, ports);
  }

  /** Ports are handed out round-robin so the load spreads over the sockets. */
  nextPort(): number {
    return this.#ports[this.#next++ % this.#ports.length]!;
  }

  /** A snapshot of every stream seen so far, keyed by SSRC; fails if the thread is too starved to answer. */
  async tallies(timeoutMs = 15_000): Promise<Map<number, TStreamTally>> {
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<{ tallies: [number, number, number][] }>((resolve, reject) => {
      this.#thread.once("message", resolve);
      timer = setTimeout(() => reject(new Error(`the UDP sinks did not answer within ${timeoutMs / 1000} s: this machine is too busy to measure`)), timeoutMs);
    });
    this.#thread.postMessage("tallies");
    const { tallies } = await reply.finally(() => clearTimeout(timer));
    return new Map(tallies.map(([ssrc, packets, highestSeq]) => [ssrc, { packets, highestSeq }]));
  }

  /** Datagrams the kernel dropped on the sink sockets because the thread read too slowly (/proc/net/udp). */
  kernelDrops(): number {
    const ports = new Set(this.#ports.map((port) => port.toString(16).toUpperCase().padStart(4, "0")));
    let drops = 0;
    for (const line of readFileSync("/proc/net/udp", "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const localPort = cols[1]?.split(":")[1];
      if (localPort && ports.has(localPort)) drops += Number(cols[cols.length - 1]);
    }
    return drops;
  }

  async close(): Promise<void> {
    await this.#thread.terminate();
  }
}

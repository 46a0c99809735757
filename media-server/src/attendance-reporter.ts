import {
  ATTENDANCE_BATCH_MAX,
  signInternalRequest,
  type TAttendanceBatch,
  type TAttendanceReport,
} from "@diemcau/protocol";
import type { Peer } from "./Peer";
import type { Room } from "./Room";

export type TAttendanceReporterOptions = {
  /** Web's base URL; reports go to <webUrl>/api/internal/attendance. */
  webUrl: string;
  secret: string;
  log: (message: string) => void;
  /** Reports kept while web is unreachable; the oldest are dropped past this. */
  maxQueue?: number;
  /** Backoff after a failed delivery: starts here, doubles, stops growing at maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Joins and leaves that come close together are sent in one request. */
  batchDelayMs?: number;
  requestTimeoutMs?: number;
};

/**
 * Tells web who joined and left which room. Delivery is fire-and-forget for the caller: reports
 * wait in memory and are retried with backoff while web is down, so media never waits on web.
 */
export class AttendanceReporter {
  readonly #endpoint: string;
  readonly #secret: string;
  readonly #log: (message: string) => void;
  readonly #maxQueue: number;
  readonly #minDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #batchDelayMs: number;
  readonly #requestTimeoutMs: number;
  readonly #queue: TAttendanceReport[] = [];
  #timer: NodeJS.Timeout | undefined;
  #sending: Promise<boolean> | undefined;
  #failures = 0;
  #closed = false;

  constructor(options: TAttendanceReporterOptions) {
    this.#endpoint = new URL("/api/internal/attendance", options.webUrl).toString();
    this.#secret = options.secret;
    this.#log = options.log;
    this.#maxQueue = options.maxQueue ?? 50_000;
    this.#minDelayMs = options.minDelayMs ?? 1000;
    this.#maxDelayMs = options.maxDelayMs ?? 60_000;
    this.#batchDelayMs = options.batchDelayMs ?? 200;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  }

  /** Reports not delivered yet. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Reports every join and leave of the room's peers, including those closed with the room. */
  watch(room: Room): void {
    room.on("peerJoined", (peer) => this.#enqueue(joinReport(room.id, peer)));
    room.on("peerLeft", (peer) => this.#enqueue({ type: "leave", peerId: peer.id, room: room.id, at: new Date().toISOString() }));
  }

  /** Sends what is queued now; resolves when the queue is empty or a delivery failed. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#queue.length > 0) {
      this.#sending ??= this.#sendBatch().finally(() => (this.#sending = undefined));
      const delivered = await this.#sending;
      if (!delivered) return;
    }
  }

  /** One last delivery attempt, then no more timers: reports still queued are lost and logged. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
    clearTimeout(this.#timer);
    if (this.#queue.length > 0) this.#log(`attendance: ${this.#queue.length} report(s) not delivered at shutdown`);
  }

  #enqueue(report: TAttendanceReport): void {
    if (this.#closed) return;
    this.#queue.push(report);
    if (this.#queue.length > this.#maxQueue) {
      this.#queue.splice(0, this.#queue.length - this.#maxQueue);
      this.#log(`attendance: queue full (${this.#maxQueue}), oldest reports dropped`);
    }
    // While backing off, the retry timer is already set and sends this report too.
    if (!this.#timer && !this.#sending) this.#schedule(this.#batchDelayMs);
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, delayMs);
    this.#timer.unref();
  }

  /** True when the batch left the queue (delivered, or refused in a way a retry cannot fix). */
  async #sendBatch(): Promise<boolean> {
    const batch = this.#queue.slice(0, ATTENDANCE_BATCH_MAX);
    const body = JSON.stringify({ reports: batch } satisfies TAttendanceBatch);
    let status: number | "network";
    try {
      const headers = await signInternalRequest(body, this.#secret);
      const response = await fetch(this.#endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
        signal: AbortSignal.timeout(this.#requestTimeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
    } catch {
      status = "network";
    }
    if (status !== "network" && status >= 200 && status < 300) {
      this.#queue.splice(0, batch.length);
      this.#failures = 0;
      return true;
    }
    if (status === 400 || status === 413 || status === 422) {
      // The body itself is wrong: sending it again would fail forever and hold back the rest.
      this.#queue.splice(0, batch.length);
      this.#log(`attendance: web refused ${batch.length} report(s) with ${status}; dropped`);
      return true;
    }
    this.#failures++;
    const delay = Math.min(this.#maxDelayMs, this.#minDelayMs * 2 ** (this.#failures - 1));
    if (this.#failures === 1 || this.#failures % 10 === 0)
      this.#log(`attendance: web unreachable (${status}), ${this.#queue.length} report(s) queued; retrying`);
    if (!this.#closed) this.#schedule(delay * (0.75 + Math.random() * 0.5));
    return false;
  }
}

function joinReport(room: string, peer: Peer): TAttendanceReport {
  return {
    type: "join",
    peerId: peer.id,
    room,
    userId: peer.userId,
    displayName: peer.displayName,
    role: peer.role,
    ...(peer.bridgePointId ? { bridgePointId: peer.bridgePointId } : {}),
    at: peer.joinedAt.toISOString(),
  };
}

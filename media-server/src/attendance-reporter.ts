import { ATTENDANCE_BATCH_MAX, type TAttendanceBatch, type TAttendanceReport } from "@diemcau/protocol";
import { InternalBatchSender } from "./InternalBatchSender";
import type { Peer } from "./Peer";
import type { Room } from "./Room";

/**
 * How long joins and leaves wait to be sent together, by default. Nobody waits on a report, and
 * one sent 200 ms after a join had web writing it in the middle of that person's media setup, on
 * the same cores (the join benchmark); a class joining at once also goes in fewer requests.
 */
const ATTENDANCE_BATCH_DELAY_MS = 1500;

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
  /** Joins and leaves that come close together are sent in one request (ATTENDANCE_BATCH_DELAY_MS). */
  batchDelayMs?: number;
  requestTimeoutMs?: number;
};

/**
 * Tells web who joined and left which room, and whom the host removed. Delivery is fire-and-forget for the caller: reports
 * wait in memory and are retried with backoff while web is down, so media never waits on web.
 */
export class AttendanceReporter {
  readonly #sender: InternalBatchSender<TAttendanceReport>;

  constructor(options: TAttendanceReporterOptions) {
    this.#sender = new InternalBatchSender({
      endpoint: new URL("/api/internal/attendance", options.webUrl).toString(),
      secret: options.secret,
      wrap: (reports) => ({ reports }) satisfies TAttendanceBatch,
      batchMax: ATTENDANCE_BATCH_MAX,
      maxQueue: options.maxQueue ?? 50_000,
      batchDelayMs: options.batchDelayMs ?? ATTENDANCE_BATCH_DELAY_MS,
      minDelayMs: options.minDelayMs,
      maxDelayMs: options.maxDelayMs,
      requestTimeoutMs: options.requestTimeoutMs,
      label: "attendance",
      noun: "report(s)",
      log: options.log,
    });
  }

  /** Reports not delivered yet. */
  get pending(): number {
    return this.#sender.pending;
  }

  /** Reports every join and leave of the room's peers (including those closed with the room) and removals. */
  watch(room: Room): void {
    room.on("peerJoined", (peer) => this.#sender.add(joinReport(room.id, peer)));
    room.on("peerLeft", (peer) => this.#sender.add({ type: "leave", peerId: peer.id, room: room.id, at: new Date().toISOString() }));
    // Someone an invite admitted stays out after the room closes only if web knows (MeetingRemoval).
    room.on("peerRemoved", (peer) => {
      if (peer.inviteId)
        this.#sender.add({ type: "removed", peerId: peer.id, room: room.id, userId: peer.userId, inviteId: peer.inviteId, at: new Date().toISOString() });
    });
  }

  /** Sends what is queued now; resolves when the queue is empty or a delivery failed. */
  flush(): Promise<void> {
    return this.#sender.flush();
  }

  /** One last delivery attempt, then no more timers: reports still queued are lost and logged. */
  close(): Promise<void> {
    return this.#sender.close();
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

import { RECORDING_EVENTS_BATCH_MAX, type TRecordingEvent, type TRecordingEventBatch } from "@diemcau/protocol";
import { InternalBatchSender } from "./InternalBatchSender";

export type TRecordingReporterOptions = {
  /** Web's internal base URL; events go to <url>/api/internal/recordings/events. */
  webUrl: string;
  secret: string;
  log: (message: string) => void;
  maxQueue?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
};

/**
 * Tells web what the recorder does, in order. report() never waits: events queue in memory and
 * are retried with backoff while web is down, so the recording never waits on web. Requests are
 * signed like the attendance reports.
 */
export class RecordingReporter {
  readonly #sender: InternalBatchSender<TRecordingEvent>;

  constructor(options: TRecordingReporterOptions) {
    this.#sender = new InternalBatchSender({
      endpoint: new URL("/api/internal/recordings/events", options.webUrl).toString(),
      secret: options.secret,
      wrap: (events) => ({ events }) satisfies TRecordingEventBatch,
      batchMax: RECORDING_EVENTS_BATCH_MAX,
      maxQueue: options.maxQueue ?? 20_000,
      // Segment events only carry running totals: those are the ones to lose first.
      pickDrop: (queue) => queue.findIndex((e) => e.type === "recording.segment"),
      batchDelayMs: 50,
      minDelayMs: options.minDelayMs,
      maxDelayMs: options.maxDelayMs,
      requestTimeoutMs: options.requestTimeoutMs,
      label: "recording events",
      noun: "event(s)",
      log: options.log,
    });
  }

  get pending(): number {
    return this.#sender.pending;
  }

  report = (event: TRecordingEvent): void => this.#sender.add(event);

  flush(): Promise<void> {
    return this.#sender.flush();
  }

  close(): Promise<void> {
    return this.#sender.close();
  }
}

import { RECORDING_EVENTS_BATCH_MAX, signInternalRequest, type TRecordingEvent, type TRecordingEventBatch } from "@diemcau/protocol";

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
 * are retried with backoff while web is down, so the recording never waits on web. Requests carry
 * both the attendance HMAC signature and `Authorization: Bearer MEDIA_SECRET`.
 */
export class RecordingReporter {
  readonly #endpoint: string;
  readonly #options: TRecordingReporterOptions;
  readonly #queue: TRecordingEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  #sending: Promise<boolean> | undefined;
  #failures = 0;
  #closed = false;

  constructor(options: TRecordingReporterOptions) {
    this.#endpoint = new URL("/api/internal/recordings/events", options.webUrl).toString();
    this.#options = options;
  }

  get pending(): number {
    return this.#queue.length;
  }

  report = (event: TRecordingEvent): void => {
    if (this.#closed) return;
    this.#queue.push(event);
    const max = this.#options.maxQueue ?? 20_000;
    if (this.#queue.length > max) {
      // Segment events only carry running totals: those are the ones to lose first.
      const index = this.#queue.findIndex((e) => e.type === "recording.segment");
      this.#queue.splice(index >= 0 ? index : 0, 1);
    }
    if (!this.#timer && !this.#sending) this.#schedule(50);
  };

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#queue.length > 0) {
      this.#sending ??= this.#send().finally(() => (this.#sending = undefined));
      if (!(await this.#sending)) return;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
    clearTimeout(this.#timer);
    if (this.#queue.length > 0) this.#options.log(`recording events: ${this.#queue.length} not delivered at shutdown`);
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, delayMs);
    this.#timer.unref();
  }

  async #send(): Promise<boolean> {
    const batch = this.#queue.slice(0, RECORDING_EVENTS_BATCH_MAX);
    const body = JSON.stringify({ events: batch } satisfies TRecordingEventBatch);
    let status: number | "network";
    try {
      const signature = await signInternalRequest(body, this.#options.secret);
      const response = await fetch(this.#endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.#options.secret}`, ...signature },
        body,
        signal: AbortSignal.timeout(this.#options.requestTimeoutMs ?? 5000),
      });
      status = response.status;
      await response.body?.cancel();
    } catch {
      status = "network";
    }
    if (status !== "network" && ((status >= 200 && status < 300) || status === 400 || status === 413 || status === 422)) {
      if (status >= 400) this.#options.log(`recording events: web refused ${batch.length} event(s) with ${status}; dropped`);
      this.#queue.splice(0, batch.length);
      this.#failures = 0;
      return true;
    }
    this.#failures++;
    const delay = Math.min(this.#options.maxDelayMs ?? 60_000, (this.#options.minDelayMs ?? 1000) * 2 ** (this.#failures - 1));
    if (this.#failures === 1 || this.#failures % 10 === 0)
      this.#options.log(`recording events: web unreachable (${status}), ${this.#queue.length} queued; retrying`);
    if (!this.#closed) this.#schedule(delay * (0.75 + Math.random() * 0.5));
    return false;
  }
}

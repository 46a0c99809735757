import { signInternalRequest } from "@diemcau/protocol";

export type TInternalBatchSenderOptions<TItem> = {
  /** Full URL of web's internal endpoint. */
  endpoint: string;
  /** Signs every request (method, path, body, timestamp, nonce); never sent itself. */
  secret: string;
  /** The request body for one batch, e.g. `{ reports: batch }`. */
  wrap: (batch: TItem[]) => unknown;
  /** At most this many items per request: the endpoint's own limit. */
  batchMax: number;
  /** Items kept while web is unreachable; past this one is dropped per new item. */
  maxQueue: number;
  /** Index of the item to drop when the queue is full; the oldest when absent. */
  pickDrop?: (queue: readonly TItem[]) => number;
  /** Items that come close together are sent in one request. */
  batchDelayMs: number;
  /** Backoff after a failed delivery: starts here, doubles, stops growing at maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  /** Log lines read `<label>: … <count> <noun> …`, e.g. label "attendance", noun "report(s)". */
  label: string;
  noun: string;
  log: (message: string) => void;
};

/**
 * Delivers items to one of web's internal endpoints in signed batches. add() never waits: items
 * wait in memory and are retried with backoff while web is down or answers 5xx, so media never
 * waits on web. A batch web refuses as malformed (400/413/422) is dropped, since resending it
 * would fail forever and hold back everything queued behind it.
 */
export class InternalBatchSender<TItem> {
  readonly #options: TInternalBatchSenderOptions<TItem>;
  readonly #minDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #requestTimeoutMs: number;
  readonly #queue: TItem[] = [];
  #timer: NodeJS.Timeout | undefined;
  #sending: Promise<boolean> | undefined;
  #failures = 0;
  #closed = false;

  constructor(options: TInternalBatchSenderOptions<TItem>) {
    this.#options = options;
    this.#minDelayMs = options.minDelayMs ?? 1000;
    this.#maxDelayMs = options.maxDelayMs ?? 60_000;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  }

  /** Items not delivered yet. */
  get pending(): number {
    return this.#queue.length;
  }

  add(item: TItem): void {
    if (this.#closed) return;
    this.#queue.push(item);
    if (this.#queue.length > this.#options.maxQueue) {
      const index = this.#options.pickDrop?.(this.#queue) ?? 0;
      this.#queue.splice(index >= 0 ? index : 0, 1);
      this.#options.log(`${this.#options.label}: queue full (${this.#options.maxQueue}), ${this.#options.noun} dropped`);
    }
    // While backing off, the retry timer is already set and sends this item too.
    if (!this.#timer && !this.#sending) this.#schedule(this.#options.batchDelayMs);
  }

  /** Sends what is queued now; resolves when the queue is empty or a delivery failed. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#queue.length > 0) {
      this.#sending ??= this.#sendBatch().finally(() => (this.#sending = undefined));
      if (!(await this.#sending)) return;
    }
  }

  /** One last delivery attempt, then no more timers: items still queued are lost and logged. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
    clearTimeout(this.#timer);
    if (this.#queue.length > 0)
      this.#options.log(`${this.#options.label}: ${this.#queue.length} ${this.#options.noun} not delivered at shutdown`);
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
    const { label, noun, log, secret } = this.#options;
    const batch = this.#queue.slice(0, this.#options.batchMax);
    const body = JSON.stringify(this.#options.wrap(batch));
    let status: number | "network";
    try {
      const { pathname, search } = new URL(this.#options.endpoint);
      // Signed afresh for every attempt: a retry is a new request with its own nonce.
      const signature = await signInternalRequest({ method: "POST", path: pathname + search, body }, secret);
      const response = await fetch(this.#options.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", ...signature },
        body,
        signal: AbortSignal.timeout(this.#requestTimeoutMs),
      });
      status = response.status;
      await response.body?.cancel();
    } catch {
      status = "network";
    }
    const refused = status === 400 || status === 413 || status === 422;
    if (refused || (status !== "network" && status >= 200 && status < 300)) {
      if (refused) log(`${label}: web refused ${batch.length} ${noun} with ${status}; dropped`);
      this.#queue.splice(0, batch.length);
      this.#failures = 0;
      return true;
    }
    this.#failures++;
    const delay = Math.min(this.#maxDelayMs, this.#minDelayMs * 2 ** (this.#failures - 1));
    if (this.#failures === 1 || this.#failures % 10 === 0)
      log(`${label}: web unreachable (${status}), ${this.#queue.length} ${noun} queued; retrying`);
    if (!this.#closed) this.#schedule(delay * (0.75 + Math.random() * 0.5));
    return false;
  }
}

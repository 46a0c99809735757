/** Token bucket: `capacity` requests at once, refilled at `perSecond`. */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#tokens = capacity;
    this.#last = now();
  }

  take(): boolean {
    const now = this.now();
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#last) / 1000) * this.perSecond);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

export type TRateLimit = { burst: number; perSecond: number; rejectionsBeforeDisconnect: number };

export const DEFAULT_RATE_LIMIT: TRateLimit = { burst: 200, perSecond: 50, rejectionsBeforeDisconnect: 100 };

/**
 * Per-socket limit: requests beyond the bucket are refused with RATE_LIMITED; a client that keeps
 * going after about `rejectionsBeforeDisconnect` refusals (refilled slowly) is disconnected.
 */
export class RateLimiter {
  readonly #requests: TokenBucket;
  readonly #rejections: TokenBucket;

  constructor(limit: TRateLimit, now: () => number = Date.now) {
    this.#requests = new TokenBucket(limit.burst, limit.perSecond, now);
    this.#rejections = new TokenBucket(limit.rejectionsBeforeDisconnect, limit.rejectionsBeforeDisconnect / 10, now);
  }

  /** "ok", "limited" (answer RATE_LIMITED) or "disconnect". */
  check(): "ok" | "limited" | "disconnect" {
    if (this.#requests.take()) return "ok";
    return this.#rejections.take() ? "limited" : "disconnect";
  }
}

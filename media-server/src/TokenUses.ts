/** Tokens are forgotten this long after they expire: longer than the clock tolerance of verifyJoinToken. */
const FORGET_AFTER_EXPIRY_MS = 30_000;
const PRUNE_INTERVAL_MS = 10_000;

/**
 * Counts the sockets each join token has opened, so a token that leaked (a shared link, a log
 * line) cannot open more than `max` sessions while it is valid. A token is remembered until it
 * could no longer pass verification anyway.
 */
export class TokenUses {
  readonly #uses = new Map<string, { count: number; forgetAt: number }>();
  #lastPrune = 0;

  constructor(
    readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one socket for `token`; false when it has opened `max` already. */
  take(token: string, expiresAtMs: number): boolean {
    const now = this.now();
    if (now - this.#lastPrune > PRUNE_INTERVAL_MS) {
      this.#lastPrune = now;
      for (const [key, use] of this.#uses) if (use.forgetAt <= now) this.#uses.delete(key);
    }
    // A JWT's signature part identifies it.
    const key = token.slice(token.lastIndexOf(".") + 1);
    const use = this.#uses.get(key) ?? { count: 0, forgetAt: expiresAtMs + FORGET_AFTER_EXPIRY_MS };
    if (use.count >= this.max) return false;
    use.count++;
    this.#uses.set(key, use);
    return true;
  }
}

export type TBackoff = { initialMs: number; maxMs: number; factor: number; jitter: number };

export const DEFAULT_BACKOFF: TBackoff = { initialMs: 500, maxMs: 15_000, factor: 2, jitter: 0.25 };

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with ± jitter so the
 * clients of a restarted media server do not all come back in the same millisecond.
 */
export function backoffDelay(attempt: number, backoff: TBackoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, attempt));
  const spread = base * backoff.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(base + spread));
}

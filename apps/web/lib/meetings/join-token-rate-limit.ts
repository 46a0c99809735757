import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors/app-error";

/**
 * One limiter per process, shared by the token route and the room page, which Next bundles apart
 * (so a module-level variable would exist twice). A room client asks for a token per connection
 * and per reconnect attempt with backoff, far below the limit; a script hammering the route
 * for tokens (each one a socket on the media server) is not.
 */
const KEY = Symbol.for("diemcau.joinTokenRateLimiter");
type TGlobal = typeof globalThis & { [KEY]?: { perMinute: number; limiter: RateLimiterMemory } };

function limiterFor(perMinute: number): RateLimiterMemory {
  const store = globalThis as TGlobal;
  if (store[KEY]?.perMinute !== perMinute) store[KEY] = { perMinute, limiter: new RateLimiterMemory({ points: perMinute, duration: 60 }) };
  return store[KEY].limiter;
}

/** Counts one join token for `key` (a user id, a signed guest id or an address); refuses past the limit. */
export async function takeJoinToken(key: string, perMinute: number): Promise<void> {
  try {
    await limiterFor(perMinute).consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new AppError("JOIN_TOKEN_RATE_LIMITED", `Bạn yêu cầu vào phòng quá nhanh. Vui lòng thử lại sau ${seconds} giây.`, 429, undefined, [], { seconds });
  }
}

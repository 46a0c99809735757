import type { Db } from "@diemcau/db";

export const MAX_FAILURES = 5;
/**
 * Failed sign-ins from one address across every email: enough for a school behind one NAT whose
 * pupils mistype, too few to spray one common password over the accounts.
 */
export const ADDRESS_MAX_FAILURES = 50;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export type TThrottleState = { locked: false } | { locked: true; retryAfterMs: number };

/** One counter per email and client address, so one attacker cannot lock a user out everywhere. */
export function throttleKey(email: string, clientIp: string): string {
  return `${email.trim().toLowerCase()}|${clientIp}`;
}

/** One counter per client address across emails (see ADDRESS_MAX_FAILURES). */
export function addressThrottleKey(clientIp: string): string {
  return `address|${clientIp}`;
}

export async function readLoginThrottle(db: Db, key: string, now = new Date()): Promise<TThrottleState> {
  const row = await db.loginThrottle.findUnique({ where: { key }, select: { lockedUntil: true } });
  if (row?.lockedUntil && row.lockedUntil > now) {
    return { locked: true, retryAfterMs: row.lockedUntil.getTime() - now.getTime() };
  }
  return { locked: false };
}

/**
 * Counts one failed sign-in and locks the key on the `maxFailures`-th failure inside the window.
 * The row lock makes concurrent failures on several web nodes count exactly once each.
 */
export async function recordLoginFailure(db: Db, key: string, now = new Date(), maxFailures = MAX_FAILURES): Promise<TThrottleState> {
  return db.$transaction(async (tx) => {
    // Prisma's upsert races on the unique key; ON CONFLICT does not.
    await tx.$executeRaw`INSERT INTO "LoginThrottle" ("key") VALUES (${key}) ON CONFLICT ("key") DO NOTHING`;
    await tx.$queryRaw`SELECT 1 FROM "LoginThrottle" WHERE "key" = ${key} FOR UPDATE`;
    const row = await tx.loginThrottle.findUniqueOrThrow({ where: { key } });

    if (row.lockedUntil && row.lockedUntil > now) {
      return { locked: true, retryAfterMs: row.lockedUntil.getTime() - now.getTime() };
    }
    const windowExpired =
      row.failures === 0 || row.lockedUntil !== null || now.getTime() - row.windowStart.getTime() >= FAILURE_WINDOW_MS;
    const failures = windowExpired ? 1 : row.failures + 1;
    const lockedUntil = failures >= maxFailures ? new Date(now.getTime() + LOCK_MS) : null;
    await tx.loginThrottle.update({
      where: { key },
      data: { failures, windowStart: windowExpired ? now : row.windowStart, lockedUntil },
    });
    return lockedUntil ? { locked: true, retryAfterMs: LOCK_MS } : { locked: false };
  });
}

export async function clearLoginThrottle(db: Db, key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}

/** Whole minutes to wait, rounded up so "0 phút" is never shown. */
export function retryAfterMinutes(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 60_000));
}

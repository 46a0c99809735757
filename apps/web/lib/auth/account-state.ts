import type { Db } from "@diemcau/db";
import { LRUCache } from "lru-cache";
import type { TSessionUser } from "./session-user";

/**
 * Disabling an account, changing its role or its password must take effect at once, not at the
 * next sign-in, so every request checks the JWT's user against the database. A few seconds of
 * caching per web process keeps that to one query per user and burst of requests (a page and the
 * dozens of media requests its player makes); changes made on this node forget the entry at once.
 */
export const ACCOUNT_STATE_TTL_MS = 3_000;

const accountSelect = {
  name: true,
  email: true,
  role: true,
  bridgePointId: true,
  locale: true,
  sessionVersion: true,
  mustChangePassword: true,
  isDemo: true,
  disabledAt: true,
} as const;
type TAccountRow = { [K in keyof typeof accountSelect]: K extends "disabledAt" ? Date | null : TSessionUser[Exclude<K, "disabledAt">] };

const cache = new LRUCache<string, { row: TAccountRow | null }>({ max: 10_000, ttl: ACCOUNT_STATE_TTL_MS });

/** Drops the cached state of an account this process just changed. */
export function forgetAccountState(userId: string): void {
  cache.delete(userId);
}

/**
 * The session's user as the database has it now, or null when the session must end: the account
 * is gone or disabled, or its password or role changed since the JWT was signed.
 */
export async function refreshSessionUser(db: Db, jwtUser: TSessionUser): Promise<TSessionUser | null> {
  let entry = cache.get(jwtUser.id);
  // Versions only grow: a JWT newer than the cached row was signed after a change that another
  // process (or another bundle of this one) made, so the cached row is stale.
  if (!entry || (entry.row && entry.row.sessionVersion < jwtUser.sessionVersion)) {
    entry = { row: await db.user.findUnique({ where: { id: jwtUser.id }, select: accountSelect }) };
    cache.set(jwtUser.id, entry);
  }
  const row = entry.row;
  if (!row || row.disabledAt || row.sessionVersion !== jwtUser.sessionVersion) return null;
  const { disabledAt: _disabled, ...fresh } = row;
  return { id: jwtUser.id, ...fresh };
}

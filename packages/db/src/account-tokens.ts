import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./client";
import type { AccountTokenKind } from "./generated/prisma/enums";

/** How long each kind of one-time link stays valid. */
export const ACCOUNT_TOKEN_LIFETIME_MS: Record<AccountTokenKind, number> = {
  PASSWORD_RESET: 24 * 3_600_000,
  FIRST_ADMIN: 24 * 3_600_000,
};

/** The stored form of a token: a database dump holds no usable link. */
export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Issues a one-time link token of `kind` (for `userId`, if any). Earlier unused tokens of the
 * same kind and user stop working, so only the newest link counts.
 */
export async function issueAccountToken(db: Db, kind: AccountTokenKind, userId: string | null, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.accountToken.updateMany({ where: { kind, userId, usedAt: null }, data: { usedAt: now } }),
    db.accountToken.create({
      data: { kind, userId, tokenHash: hashAccountToken(token), expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_LIFETIME_MS[kind]) },
    }),
  ]);
  return token;
}

/**
 * The link a production install prints at start while it has no administrator, or null when one
 * exists. Each start replaces the previous link.
 */
export async function issueFirstAdminTokenIfNeeded(db: Db, now = new Date()): Promise<string | null> {
  const admins = await db.user.count({ where: { role: "ADMIN", disabledAt: null } });
  return admins > 0 ? null : issueAccountToken(db, "FIRST_ADMIN", null, now);
}

export const FIRST_ADMIN_PATH = "/khoi-tao";

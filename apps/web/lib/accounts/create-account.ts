import { randomBytes } from "node:crypto";
import { ACCOUNT_TOKEN_LIFETIME_MS, issueAccountToken, type Db } from "@diemcau/db";
import { hashPassword } from "@diemcau/db/password";
import { parseInput } from "../api/parse-input";
import { canChangeAccount, type TAccountActor } from "./account-scope";
import { ZCreateAccountSchema } from "./account-input";
import { checkNewPassword } from "./password-policy";
import { enforce, ensureUnique, lockAccountChanges, resolvePlacement } from "./prepare-account-change";
import { recordAudit } from "./record-audit";

export type TCreatedAccount = {
  id: string;
  email: string;
  /** The one-time link's token when the account sets its own password (valid 24 hours). */
  link: { token: string; expiresAt: Date } | null;
};

/**
 * An administrator or staff creates an account within their scope (account-scope.ts). It gets
 * either a one-time link to choose its password, or a temporary password the creator typed,
 * which the first sign-in must replace.
 */
export async function createAccount(db: Db, actor: TAccountActor, input: unknown, now = new Date()): Promise<TCreatedAccount> {
  const { password, ...fields } = parseInput(ZCreateAccountSchema, input);
  const temporary = password.kind === "temporary" ? password.password : null;
  if (temporary !== null) checkNewPassword(temporary, fields, "password");
  // A link account's stored hash is of a secret nobody knows, until the link sets a real one.
  const passwordHash = await hashPassword(temporary ?? randomBytes(32).toString("base64url"));

  const id = await db.$transaction(async (tx) => {
    const { activeAdmins } = await lockAccountChanges(tx);
    const placement = await resolvePlacement(tx, fields);
    enforce(canChangeAccount(actor, null, placement, { activeAdmins }));
    await ensureUnique(tx, fields);
    const created = await tx.user.create({
      data: { ...fields, ...placement, passwordHash, mustChangePassword: temporary !== null },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "account.create",
      targetUserId: created.id,
      details: { role: placement.role, districtId: placement.districtId, password: password.kind },
    });
    return created.id;
  });

  if (temporary !== null) return { id, email: fields.email, link: null };
  const token = await issueAccountToken(db, "PASSWORD_RESET", id, now);
  return { id, email: fields.email, link: { token, expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_LIFETIME_MS.PASSWORD_RESET) } };
}

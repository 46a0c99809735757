import { ACCOUNT_TOKEN_LIFETIME_MS, issueAccountToken, type Db } from "@diemcau/db";
import { AppError, notFound } from "../errors/app-error";
import { canManageAccount, type TAccountActor } from "./account-scope";
import { enforce } from "./prepare-account-change";
import { recordAudit } from "./record-audit";

/**
 * A one-time link (valid 24 hours) for an account to choose a new password, for whoever manages
 * it to hand over. Only the newest link works; the account's sessions go on until it is used.
 */
export async function issueResetLink(db: Db, actor: TAccountActor, accountId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const account = await db.user.findUnique({ where: { id: accountId }, select: { id: true, role: true, districtId: true, disabledAt: true } });
  if (!account) throw notFound("Tài khoản", "ACCOUNT_NOT_FOUND");
  enforce(canManageAccount(actor, account));
  if (account.disabledAt) throw new AppError("ACCOUNT_DISABLED", "Tài khoản đang bị khóa. Hãy mở khóa trước khi đặt lại mật khẩu.", 409);
  const token = await issueAccountToken(db, "PASSWORD_RESET", accountId, now);
  await recordAudit(db, { actorId: actor.id, action: "password.reset-link", targetUserId: accountId });
  return { token, expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_LIFETIME_MS.PASSWORD_RESET) };
}

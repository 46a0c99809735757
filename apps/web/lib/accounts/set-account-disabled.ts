import type { Db } from "@diemcau/db";
import { forgetAccountState } from "../auth/account-state";
import { notFound } from "../errors/app-error";
import { canDisableAccount, canManageAccount, type TAccountActor } from "./account-scope";
import { enforce, lockAccountChanges } from "./prepare-account-change";
import { recordAudit } from "./record-audit";

/**
 * Disables an account (every open session ends at its next request: the session version moves
 * on) or enables it again (it signs in anew). Doing what is already done changes nothing.
 */
export async function setAccountDisabled(db: Db, actor: TAccountActor, accountId: string, disabled: boolean, now = new Date()): Promise<{ id: string; disabled: boolean }> {
  await db.$transaction(async (tx) => {
    const { activeAdmins } = await lockAccountChanges(tx);
    const account = await tx.user.findUnique({ where: { id: accountId }, select: { id: true, role: true, districtId: true, disabledAt: true } });
    if (!account) throw notFound("Tài khoản", "ACCOUNT_NOT_FOUND");
    enforce(disabled ? canDisableAccount(actor, account, { activeAdmins }) : canManageAccount(actor, account));
    if ((account.disabledAt !== null) === disabled) return;
    await tx.user.update({
      where: { id: accountId },
      data: disabled ? { disabledAt: now, sessionVersion: { increment: 1 } } : { disabledAt: null },
    });
    await recordAudit(tx, { actorId: actor.id, action: disabled ? "account.disable" : "account.enable", targetUserId: accountId });
  });
  forgetAccountState(accountId);
  return { id: accountId, disabled };
}

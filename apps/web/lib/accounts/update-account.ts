import type { Db } from "@diemcau/db";
import { parseInput } from "../api/parse-input";
import { forgetAccountState } from "../auth/account-state";
import { notFound } from "../errors/app-error";
import { canChangeAccount, type TAccountActor } from "./account-scope";
import { ZAccountFieldsSchema } from "./account-input";
import { enforce, ensureUnique, lockAccountChanges, resolvePlacement } from "./prepare-account-change";
import { recordAudit } from "./record-audit";

const EDITABLE = ["name", "email", "role", "districtId", "school", "bridgePointId", "studentCode"] as const;

/**
 * Edits an account: name, email, role, district, school, bridge point and mã định danh. The
 * account must be the actor's to manage both before and after (account-scope.ts). A new role
 * applies from the account's next request, without signing it out.
 */
export async function updateAccount(db: Db, actor: TAccountActor, accountId: string, input: unknown): Promise<{ id: string }> {
  const fields = parseInput(ZAccountFieldsSchema, input);
  await db.$transaction(async (tx) => {
    const { activeAdmins } = await lockAccountChanges(tx);
    const before = await tx.user.findUnique({ where: { id: accountId }, select: { ...selectOf(EDITABLE), disabledAt: true } });
    if (!before) throw notFound("Tài khoản", "ACCOUNT_NOT_FOUND");
    const placement = await resolvePlacement(tx, fields);
    enforce(canChangeAccount(actor, { ...before, disabled: before.disabledAt !== null }, placement, { activeAdmins }));
    await ensureUnique(tx, fields, accountId);
    const after = { ...fields, ...placement };
    const changed = Object.fromEntries(EDITABLE.filter((key) => before[key] !== after[key]).map((key) => [key, { from: before[key], to: after[key] }]));
    if (Object.keys(changed).length === 0) return;
    await tx.user.update({ where: { id: accountId }, data: after });
    await recordAudit(tx, { actorId: actor.id, action: "role" in changed ? "account.role-change" : "account.update", targetUserId: accountId, details: { changed } });
  });
  forgetAccountState(accountId);
  return { id: accountId };
}

function selectOf<K extends string>(keys: readonly K[]): Record<K, true> {
  return Object.fromEntries(keys.map((k) => [k, true])) as Record<K, true>;
}

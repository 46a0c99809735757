import type { UserWhereInput } from "@diemcau/db";
import { STAFF_MANAGED_ROLES, type TAccountActor } from "./account-scope";

/**
 * canManageAccount() as a query: every account for administrators; for staff, teachers,
 * students and bridge points of their district (of every district for department staff).
 */
export function manageableAccountsWhere(actor: TAccountActor): UserWhereInput {
  if (actor.role === "ADMIN") return {};
  if (actor.role !== "STAFF") return { id: { in: [] } };
  return { role: { in: [...STAFF_MANAGED_ROLES] }, ...(actor.districtId ? { districtId: actor.districtId } : {}) };
}

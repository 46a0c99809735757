import type { Db } from "@diemcau/db";
import type { TSessionUser } from "../auth/session-user";
import type { TAccountActor } from "./account-scope";

/** The signed-in user as the account rules see them: role and district as the database has them now. */
export async function loadAccountActor(db: Db, user: Pick<TSessionUser, "id" | "role">): Promise<TAccountActor> {
  const row = await db.user.findUnique({ where: { id: user.id }, select: { role: true, districtId: true } });
  return { id: user.id, role: row?.role ?? user.role, districtId: row?.districtId ?? null };
}

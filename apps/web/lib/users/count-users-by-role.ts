import type { Db, Role } from "@diemcau/db";

/** How many accounts each role has (roles without accounts count 0). */
export async function countUsersByRole(db: Db): Promise<Record<Role, number>> {
  const groups = await db.user.groupBy({ by: ["role"], _count: { _all: true } });
  const counts: Record<Role, number> = { ADMIN: 0, STAFF: 0, TEACHER: 0, STUDENT: 0, BRIDGE_POINT: 0 };
  for (const g of groups) counts[g.role] = g._count._all;
  return counts;
}

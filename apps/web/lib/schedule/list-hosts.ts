import type { Db } from "@diemcau/db";

/** People who can chair a conference: administrators, department staff and teachers. */
export function listHosts(db: Db) {
  return db.user.findMany({
    where: { role: { in: ["ADMIN", "STAFF", "TEACHER"] } },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, name: true, role: true },
  });
}

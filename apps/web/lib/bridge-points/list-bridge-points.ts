import type { Db } from "@diemcau/db";

/** Every bridge point with its district and room accounts, in name order. */
export function listBridgePoints(db: Db) {
  return db.bridgePoint.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      location: true,
      active: true,
      district: { select: { name: true, kind: true } },
      accounts: { select: { email: true }, orderBy: { email: "asc" } },
    },
  });
}
export type TBridgePointListItem = Awaited<ReturnType<typeof listBridgePoints>>[number];

import type { Db } from "@diemcau/db";

// The database's collation puts "Đ" after "V" and "ư" before "a"; Vietnamese readers expect neither.
const vietnameseOrder = new Intl.Collator("vi");

/** Every bridge point with its district and room accounts, in Vietnamese alphabetical order. */
export async function listBridgePoints(db: Db) {
  const bridgePoints = await db.bridgePoint.findMany({
    select: {
      id: true,
      name: true,
      location: true,
      active: true,
      district: { select: { name: true, kind: true } },
      accounts: { select: { email: true }, orderBy: { email: "asc" } },
    },
  });
  return bridgePoints.sort((a, b) => vietnameseOrder.compare(a.name, b.name));
}
export type TBridgePointListItem = Awaited<ReturnType<typeof listBridgePoints>>[number];

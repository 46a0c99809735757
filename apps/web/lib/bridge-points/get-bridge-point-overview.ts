import type { Db } from "@diemcau/db";

/** A bridge point with its district and the next meeting it takes part in (live or scheduled). */
export async function getBridgePointOverview(db: Db, bridgePointId: string, now = new Date()) {
  const [bridgePoint, nextMeeting] = await Promise.all([
    db.bridgePoint.findUnique({
      where: { id: bridgePointId },
      select: { id: true, name: true, location: true, district: { select: { name: true, kind: true } } },
    }),
    db.event.findFirst({
      where: {
        bridgePoints: { some: { bridgePointId } },
        status: { in: ["SCHEDULED", "LIVE"] },
        endsAt: { gte: now },
      },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        title: true,
        kind: true,
        status: true,
        startsAt: true,
        endsAt: true,
        host: { select: { name: true } },
        _count: { select: { bridgePoints: true } },
      },
    }),
  ]);
  return bridgePoint ? { ...bridgePoint, nextMeeting } : null;
}

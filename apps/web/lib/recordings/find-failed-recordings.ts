import type { Db } from "@diemcau/db";

/** Recordings that failed in the last `days` days, newest first, for the staff alert. */
export async function findFailedRecordings(db: Db, days = 7, now = new Date()) {
  return db.recording.findMany({
    where: { status: "FAILED", OR: [{ endedAt: null }, { endedAt: { gte: new Date(now.getTime() - days * 86_400_000) } }] },
    select: { id: true, errorCode: true, error: true, endedAt: true, event: { select: { id: true, title: true } } },
    orderBy: { startedAt: "desc" },
    take: 20,
  });
}

import type { Db } from "@diemcau/db";

/** The user's unread notices, newest first. */
export function listUnreadNotifications(db: Db, userId: string, limit = 20) {
  return db.notification.findMany({
    where: { userId, readAt: null },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, kind: true, title: true, startsAt: true, createdAt: true, eventId: true },
  });
}
export type TNotification = Awaited<ReturnType<typeof listUnreadNotifications>>[number];

/** Marks all of a user's notices read; nobody can touch another user's. */
export async function markNotificationsRead(db: Db, userId: string, now = new Date()): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
  return count;
}

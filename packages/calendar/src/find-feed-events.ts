import type { Db, Role } from "@diemcau/db";
import { overridesSelect } from "./override-select";

/** Past events stay in the feed this long, so calendars keep recent history (and cancellations). */
export const FEED_HISTORY_DAYS = 90;

export type TFeedOwner = { id: string; name: string; role: Role; bridgePointId: string | null };

/** What a feed, an invitation or a reminder reads of an event (TFeedEvent). */
export const FEED_EVENT_SELECT = {
  id: true,
  kind: true,
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  timeZone: true,
  rrule: true,
  status: true,
  documents: { select: { numberNotation: true, subject: true }, orderBy: { createdAt: "asc" } },
  createdAt: true,
  updatedAt: true,
  overrides: overridesSelect,
  host: { select: { name: true, email: true } },
  course: { select: { name: true } },
  bridgePoints: { select: { bridgePoint: { select: { name: true } } } },
} as const;

/** Whose events a feed shows, by role: the same events as the person's schedule. */
function scopeOf(owner: TFeedOwner) {
  switch (owner.role) {
    case "ADMIN":
    case "STAFF":
      return { OR: [{ kind: "CONFERENCE" as const }, { hostId: owner.id }] };
    case "TEACHER":
      return { OR: [{ hostId: owner.id }, { course: { teacherId: owner.id } }] };
    case "STUDENT":
      return { OR: [{ hostId: owner.id }, { course: { enrollments: { some: { userId: owner.id } } } }] };
    case "BRIDGE_POINT":
      return owner.bridgePointId ? { bridgePoints: { some: { bridgePointId: owner.bridgePointId } } } : { id: { in: [] } };
  }
}

/** The owner's events from FEED_HISTORY_DAYS ago on, series whose last lesson is still ahead included. */
export async function findFeedEvents(db: Db, owner: TFeedOwner, now: Date = new Date()) {
  const from = new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000);
  return db.event.findMany({
    where: {
      AND: [
        scopeOf(owner),
        { OR: [{ endsAt: { gte: from } }, { seriesEndsAt: { gte: from } }, { rrule: { not: null }, seriesEndsAt: null }] },
      ],
    },
    select: FEED_EVENT_SELECT,
    orderBy: { startsAt: "asc" },
  });
}

export type TFeedEvent = Awaited<ReturnType<typeof findFeedEvents>>[number];

/** One event as feeds and invitations render it; null when it does not exist. */
export function findFeedEvent(db: Db, eventId: string) {
  return db.event.findUnique({ where: { id: eventId }, select: FEED_EVENT_SELECT });
}

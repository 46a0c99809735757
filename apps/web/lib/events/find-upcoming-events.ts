import type { Db, EventKind } from "@diemcau/db";
import { scheduleEventSelect } from "../schedule/list-schedule";
import { currentOrNextOccurrence } from "@diemcau/calendar/recurrence";

export interface TUpcomingEventFilter {
  kind?: EventKind;
  /** Events the user hosts or that belong to a course the user teaches. */
  hostOrTeacherId?: string;
  /** Lessons of courses the user is enrolled in. */
  enrolledUserId?: string;
  limit?: number;
}

/**
 * Events that are live or still to come, soonest first, narrowed to what one home page shows.
 * A recurring series appears once, with the times of its lesson in progress or its next one
 * (not those of its first lesson, which may be long past).
 */
export async function findUpcomingEvents(db: Db, filter: TUpcomingEventFilter = {}, now = new Date()) {
  const rows = await db.event.findMany({
    where: {
      status: { in: ["SCHEDULED", "LIVE"] },
      OR: [{ endsAt: { gte: now } }, { seriesEndsAt: { gte: now } }, { rrule: { not: null }, seriesEndsAt: null }],
      kind: filter.kind,
      AND: [
        filter.hostOrTeacherId
          ? { OR: [{ hostId: filter.hostOrTeacherId }, { course: { teacherId: filter.hostOrTeacherId } }] }
          : {},
        filter.enrolledUserId ? { course: { enrollments: { some: { userId: filter.enrolledUserId } } } } : {},
      ],
    },
    orderBy: { startsAt: "asc" },
    take: 200,
    select: scheduleEventSelect,
  });
  return rows
    .flatMap(({ rrule, timeZone, ...event }) => {
      const occurrence = currentOrNextOccurrence({ ...event, rrule, timeZone }, now);
      return occurrence ? [{ ...event, ...occurrence }] : [];
    })
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, filter.limit ?? 10);
}
export type TUpcomingEvent = Awaited<ReturnType<typeof findUpcomingEvents>>[number];

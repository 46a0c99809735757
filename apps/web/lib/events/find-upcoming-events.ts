import type { Db, EventKind } from "@diemcau/db";

export interface TUpcomingEventFilter {
  kind?: EventKind;
  /** Events the user hosts or that belong to a course the user teaches. */
  hostOrTeacherId?: string;
  /** Lessons of courses the user is enrolled in. */
  enrolledUserId?: string;
  limit?: number;
}

/** Events that are live or still to come, soonest first, narrowed to what one home page shows. */
export function findUpcomingEvents(db: Db, filter: TUpcomingEventFilter = {}, now = new Date()) {
  return db.event.findMany({
    where: {
      status: { in: ["SCHEDULED", "LIVE"] },
      endsAt: { gte: now },
      kind: filter.kind,
      ...(filter.hostOrTeacherId && {
        OR: [{ hostId: filter.hostOrTeacherId }, { course: { teacherId: filter.hostOrTeacherId } }],
      }),
      ...(filter.enrolledUserId && { course: { enrollments: { some: { userId: filter.enrolledUserId } } } }),
    },
    orderBy: { startsAt: "asc" },
    take: filter.limit ?? 10,
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      startsAt: true,
      endsAt: true,
      host: { select: { name: true } },
      course: { select: { name: true } },
      _count: { select: { bridgePoints: true } },
    },
  });
}
export type TUpcomingEvent = Awaited<ReturnType<typeof findUpcomingEvents>>[number];

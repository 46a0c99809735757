import type { Db, EventKind, EventStatus, EventWhereInput } from "@diemcau/db";
import type { TSessionUser } from "../auth/session-user";
import { inRange } from "./find-booked-events";
import { overridesSelect } from "@diemcau/calendar/override-select";
import { expandOccurrences } from "@diemcau/calendar/recurrence";

export interface TScheduleItem {
  eventId: string;
  title: string;
  kind: EventKind;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  hostName: string;
  courseName: string | null;
  bridgePointCount: number;
  recurring: boolean;
  /** A lesson moved from its usual time: that time. */
  movedFrom: Date | null;
}

type TViewer = Pick<TSessionUser, "id" | "role" | "bridgePointId">;

/** What each role's schedule shows: staff all conferences, a bridge point its own, teachers and students their lessons. */
export function scheduleScope(viewer: TViewer): EventWhereInput | null {
  switch (viewer.role) {
    case "ADMIN":
    case "STAFF":
      return { kind: "CONFERENCE" };
    case "BRIDGE_POINT":
      return viewer.bridgePointId ? { bridgePoints: { some: { bridgePointId: viewer.bridgePointId } } } : null;
    case "TEACHER":
      return { OR: [{ hostId: viewer.id }, { course: { teacherId: viewer.id } }] };
    case "STUDENT":
      return { course: { enrollments: { some: { userId: viewer.id } } } };
  }
}

/** What the schedule views show of an event, and what its occurrences are expanded from. */
export const scheduleEventSelect = {
  id: true,
  title: true,
  kind: true,
  status: true,
  startsAt: true,
  endsAt: true,
  rrule: true,
  timeZone: true,
  overrides: overridesSelect,
  host: { select: { name: true } },
  course: { select: { name: true } },
  _count: { select: { bridgePoints: true } },
} as const;

/**
 * Every occurrence the viewer should see in [from, to), recurring lessons expanded, in time order;
 * a lesson cancelled on its own stays in view as cancelled, so students see it will not take place.
 */
export async function listSchedule(db: Db, viewer: TViewer, from: Date, to: Date): Promise<TScheduleItem[]> {
  const scope = scheduleScope(viewer);
  if (!scope) return [];
  const events = await db.event.findMany({
    where: { AND: [inRange(from, to), scope] },
    select: scheduleEventSelect,
  });
  return events
    .flatMap((event) => {
      const item = (occurrence: { startsAt: Date; endsAt: Date; originalStartsAt?: Date }, status: EventStatus): TScheduleItem => ({
        eventId: event.id,
        title: event.title,
        kind: event.kind,
        status,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        hostName: event.host.name,
        courseName: event.course?.name ?? null,
        bridgePointCount: event._count.bridgePoints,
        recurring: event.rrule !== null,
        movedFrom: occurrence.originalStartsAt ?? null,
      });
      const duration = event.endsAt.getTime() - event.startsAt.getTime();
      const cancelled = event.overrides
        .filter((o) => o.cancelled && o.originalStartsAt < to && o.originalStartsAt.getTime() + duration > from.getTime())
        .map((o) => item({ startsAt: o.originalStartsAt, endsAt: new Date(o.originalStartsAt.getTime() + duration) }, "CANCELLED"));
      return [...expandOccurrences(event, from, to).map((occurrence) => item(occurrence, event.status)), ...cancelled];
    })
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.title.localeCompare(b.title, "vi"));
}

import type { Db, EventKind, EventStatus, EventWhereInput } from "@diemcau/db";
import type { TSessionUser } from "../auth/session-user";
import { inRange } from "./find-booked-events";
import { expandOccurrences } from "./recurrence";

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
  host: { select: { name: true } },
  course: { select: { name: true } },
  _count: { select: { bridgePoints: true } },
} as const;

/** Every occurrence the viewer should see in [from, to), recurring lessons expanded, in time order. */
export async function listSchedule(db: Db, viewer: TViewer, from: Date, to: Date): Promise<TScheduleItem[]> {
  const scope = scheduleScope(viewer);
  if (!scope) return [];
  const events = await db.event.findMany({
    where: { AND: [inRange(from, to), scope] },
    select: scheduleEventSelect,
  });
  return events
    .flatMap((event) =>
      expandOccurrences(event, from, to).map((occurrence) => ({
        eventId: event.id,
        title: event.title,
        kind: event.kind,
        status: event.status,
        ...occurrence,
        hostName: event.host.name,
        courseName: event.course?.name ?? null,
        bridgePointCount: event._count.bridgePoints,
        recurring: event.rrule !== null,
      })),
    )
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.title.localeCompare(b.title, "vi"));
}

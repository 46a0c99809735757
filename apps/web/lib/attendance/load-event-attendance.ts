import type { Db, EventKind, EventStatus } from "@diemcau/db";
import { overridesSelect } from "@diemcau/calendar/override-select";
import { expandOccurrences, type TOccurrence } from "@diemcau/calendar/recurrence";
import { summarizeAttendance, type TAttendanceSummary } from "./summarize-attendance";

/** Sessions of a series offered in the picker, newest first. */
const SESSIONS_LISTED = 30;

export interface TEventAttendance {
  event: { id: string; title: string; kind: EventKind; status: EventStatus; hostId: string; hostName: string; recurring: boolean };
  /** Sessions that have started, newest first (one for a one-off event). */
  sessions: TOccurrence[];
  summary: TAttendanceSummary;
}

/**
 * Attendance of one session of an event: a one-off event's only session, or for a series the
 * session starting at `sessionStart` (default: the latest that has started, else the next).
 * Expected: the host, a class's enrolled students, a conference's bridge points.
 */
export async function loadEventAttendance(
  db: Db,
  eventId: string,
  { sessionStart, now = new Date() }: { sessionStart?: Date; now?: Date } = {},
): Promise<TEventAttendance | null> {
  const event = await db.event.findUnique({
    where: { id: eventId },
    include: {
      host: { select: { id: true, name: true } },
      overrides: overridesSelect,
      course: { select: { enrollments: { select: { user: { select: { id: true, name: true } } } } } },
      bridgePoints: { select: { bridgePoint: { select: { id: true, name: true, district: { select: { name: true } } } } } },
    },
  });
  if (!event) return null;

  let sessions: TOccurrence[];
  if (event.rrule) {
    const horizon = event.seriesEndsAt && event.seriesEndsAt < now ? event.seriesEndsAt : now;
    sessions = expandOccurrences(event, event.startsAt, new Date(horizon.getTime() + 1)).reverse().slice(0, SESSIONS_LISTED);
    if (sessions.length === 0) sessions = expandOccurrences(event, now, new Date(now.getTime() + 400 * 86_400_000)).slice(0, 1);
  } else sessions = [{ startsAt: event.startsAt, endsAt: event.endsAt }];
  const chosen =
    (sessionStart && expandOccurrences(event, sessionStart, new Date(sessionStart.getTime() + 1)).find((o) => o.startsAt.getTime() === sessionStart.getTime())) ||
    sessions[0] ||
    { startsAt: event.startsAt, endsAt: event.endsAt };

  const records = await db.attendance.findMany({
    where: { eventId, joinedAt: { lt: chosen.endsAt } },
    select: { userId: true, displayName: true, bridgePointId: true, joinedAt: true, leftAt: true },
    orderBy: { joinedAt: "asc" },
  });
  const expectedPeople = [
    { userId: event.host.id, name: event.host.name },
    ...(event.course?.enrollments.map((e) => ({ userId: e.user.id, name: e.user.name })) ?? []),
  ];
  const expectedBridgePoints = event.bridgePoints.map(({ bridgePoint }) => ({
    id: bridgePoint.id,
    name: bridgePoint.name,
    district: bridgePoint.district.name,
  }));

  return {
    event: {
      id: event.id,
      title: event.title,
      kind: event.kind,
      status: event.status,
      hostId: event.hostId,
      hostName: event.host.name,
      recurring: Boolean(event.rrule),
    },
    sessions,
    summary: summarizeAttendance({ window: chosen, records, expectedPeople, expectedBridgePoints, now }),
  };
}

import type { Db } from "@diemcau/db";
import { overridesSelect } from "@diemcau/calendar/override-select";

/** What deciding who may join, and drawing the room, needs to know about one event. */
export function findMeetingEvent(db: Db, eventId: string) {
  return db.event.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      kind: true,
      status: true,
      title: true,
      startsAt: true,
      endsAt: true,
      rrule: true,
      timeZone: true,
      overrides: overridesSelect,
      roomName: true,
      record: true,
      hostId: true,
      courseId: true,
      course: { select: { teacherId: true } },
      bridgePoints: {
        select: {
          bridgePoint: { select: { id: true, name: true, district: { select: { name: true, kind: true } } } },
        },
        orderBy: { bridgePoint: { name: "asc" } },
      },
    },
  });
}
export type TMeetingEvent = NonNullable<Awaited<ReturnType<typeof findMeetingEvent>>>;

export async function isEnrolled(db: Db, courseId: string | null, userId: string): Promise<boolean> {
  if (!courseId) return false;
  return (await db.enrollment.count({ where: { courseId, userId } })) > 0;
}

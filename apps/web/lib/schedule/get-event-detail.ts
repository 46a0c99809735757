import type { Db } from "@diemcau/db";
import { overridesSelect } from "@diemcau/calendar/override-select";
import type { TSessionUser } from "../auth/session-user";

/** Everything the event page shows, or null when the event does not exist. */
export function getEventDetail(db: Db, eventId: string) {
  return db.event.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      kind: true,
      title: true,
      description: true,
      startsAt: true,
      endsAt: true,
      timeZone: true,
      rrule: true,
      seriesEndsAt: true,
      overrides: overridesSelect,
      status: true,
      record: true,
      hostId: true,
      host: { select: { name: true } },
      course: { select: { id: true, name: true, teacherId: true } },
      bridgePoints: {
        select: { bridgePoint: { select: { id: true, name: true, district: { select: { name: true, kind: true } } } } },
        orderBy: { bridgePoint: { name: "asc" } },
      },
    },
  });
}
export type TEventDetail = NonNullable<Awaited<ReturnType<typeof getEventDetail>>>;

/** Staff see everything; others see events they host, attend as a bridge point, teach or study in. */
export async function canViewEvent(db: Db, viewer: Pick<TSessionUser, "id" | "role" | "bridgePointId">, event: TEventDetail) {
  if (viewer.role === "ADMIN" || viewer.role === "STAFF") return true;
  if (event.hostId === viewer.id || event.course?.teacherId === viewer.id) return true;
  if (viewer.role === "BRIDGE_POINT") return event.bridgePoints.some((bp) => bp.bridgePoint.id === viewer.bridgePointId);
  if (viewer.role === "STUDENT" && event.course) {
    return (await db.enrollment.count({ where: { courseId: event.course.id, userId: viewer.id } })) > 0;
  }
  return false;
}

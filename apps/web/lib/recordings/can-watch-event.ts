import type { Db, EventKind, Role } from "@diemcau/db";

/**
 * Who may watch an event's live stream without joining the room. Conferences are the
 * department's broadcasts (trainings watched by many schools): staff, teachers and every bridge
 * point. Classes: the host or course teacher and the enrolled students. There is no "public"
 * event flag yet; public viewing starts once the recording is published as a PUBLIC material.
 */
export function canWatchEvent(
  event: { kind: EventKind; hostId: string; courseTeacherId: string | null },
  viewer: { id: string; role: Role },
  { enrolled }: { enrolled: boolean },
): boolean {
  if (viewer.id === event.hostId || viewer.role === "ADMIN" || viewer.role === "STAFF") return true;
  if (event.kind === "CONFERENCE") return viewer.role === "TEACHER" || viewer.role === "BRIDGE_POINT";
  return viewer.id === event.courseTeacherId || (viewer.role === "STUDENT" && enrolled);
}

/** The event, whether the viewer may watch it, and the recording being written now (if any). */
export async function loadLiveWatch(db: Db, eventId: string, viewer: { id: string; role: Role }) {
  const event = await db.event.findUnique({
    where: { id: eventId },
    select: { id: true, title: true, kind: true, hostId: true, liveWatchVersion: true, course: { select: { id: true, teacherId: true } } },
  });
  if (!event) return null;
  const enrolled =
    viewer.role === "STUDENT" && event.course
      ? (await db.enrollment.count({ where: { courseId: event.course.id, userId: viewer.id } })) > 0
      : false;
  const allowed = canWatchEvent({ ...event, courseTeacherId: event.course?.teacherId ?? null }, viewer, { enrolled });
  const recording = allowed
    ? await db.recording.findFirst({
        where: { eventId, status: "RECORDING" },
        orderBy: { startedAt: "desc" },
        select: { id: true, startedAt: true },
      })
    : null;
  return { event, allowed, recording };
}

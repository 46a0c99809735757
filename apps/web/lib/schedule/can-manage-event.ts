import type { TSessionUser } from "../auth/session-user";

/** Staff manage any event; a teacher the lessons of their own classes (as host or the class's teacher). */
export function canManageEvent(
  event: { hostId: string; course: { teacherId: string } | null },
  actor: Pick<TSessionUser, "id" | "role">,
): boolean {
  if (actor.role === "ADMIN" || actor.role === "STAFF") return true;
  return actor.role === "TEACHER" && (event.hostId === actor.id || event.course?.teacherId === actor.id);
}

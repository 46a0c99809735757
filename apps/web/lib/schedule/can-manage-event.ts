import type { TSessionUser } from "../auth/session-user";

/**
 * Staff manage any event; a teacher only the lessons of their own classes (as host or the class's
 * teacher), never a conference the department asked them to host.
 */
export function canManageEvent(
  event: { kind: "CONFERENCE" | "CLASS"; hostId: string; course: { teacherId: string } | null },
  actor: Pick<TSessionUser, "id" | "role">,
): boolean {
  if (actor.role === "ADMIN" || actor.role === "STAFF") return true;
  return actor.role === "TEACHER" && event.kind === "CLASS" && (event.hostId === actor.id || event.course?.teacherId === actor.id);
}

import type { TSessionUser } from "../auth/session-user";

/** The host of the event, staff and administrators see its attendance. */
export function canViewAttendance(user: Pick<TSessionUser, "id" | "role">, event: { hostId: string }): boolean {
  return user.role === "ADMIN" || user.role === "STAFF" || user.id === event.hostId;
}

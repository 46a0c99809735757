import type { Db } from "@diemcau/db";
import type { TSessionUser } from "../auth/session-user";
import { currentOrNextOccurrence } from "@diemcau/calendar/recurrence";
import { canJoin, refuse, type TMeetingAccess } from "./can-join";
import { checkJoinWindow } from "./check-join-window";
import { findMeetingEvent, isEnrolled, type TMeetingEvent } from "./find-meeting-event";
import { checkInvite } from "./manage-invites";

export type TResolvedAccess = { event: TMeetingEvent | null; access: TMeetingAccess; guest: boolean };
/** An invite link's token, and the guest's signed id when the browser has one already. */
export type TInviteCredentials = { token: string; secret: string; guestId: string | null };

/**
 * Decides entry for whoever is asking: a signed-in user by the schedule, otherwise a guest by
 * the invite link. A signed-in user who is not on the list may still use a valid invite.
 * Whoever is admitted then waits for the join window (checkJoinWindow).
 */
export async function resolveMeetingAccess(
  db: Db,
  eventId: string,
  user: TSessionUser | null,
  invite: TInviteCredentials | null,
  now = new Date(),
): Promise<TResolvedAccess> {
  const event = await findMeetingEvent(db, eventId);
  if (!event) return { event, access: refuse("MEETING_NOT_FOUND"), guest: false };
  const resolved = await resolveAdmission(db, event, user, invite, now);
  if (!resolved.access.ok) return resolved;
  const occurrence = currentOrNextOccurrence(event, now);
  const closed = checkJoinWindow({ status: event.status, occurrence }, resolved.access.role, now);
  return closed ? { ...resolved, access: closed } : resolved;
}

async function resolveAdmission(
  db: Db,
  event: TMeetingEvent,
  user: TSessionUser | null,
  invite: TInviteCredentials | null,
  now: Date,
): Promise<TResolvedAccess> {
  if (user) {
    const access = canJoin(
      {
        kind: event.kind,
        status: event.status,
        hostId: event.hostId,
        courseTeacherId: event.course?.teacherId ?? null,
        scheduledBridgePointIds: event.bridgePoints.map((b) => b.bridgePoint.id),
      },
      user,
      { enrolled: user.role === "STUDENT" && (await isEnrolled(db, event.courseId, user.id)) },
    );
    if (access.ok || !invite) return { event, access, guest: false };
  }
  if (!invite) return { event, access: refuse("MEETING_NOT_INVITED"), guest: true };
  if (event.status === "CANCELLED") return { event, access: refuse("MEETING_CANCELLED"), guest: true };
  if (event.status === "ENDED") return { event, access: refuse("MEETING_ENDED"), guest: true };
  const checked = await checkInvite(db, invite.token, event.id, invite.secret, user?.id ?? invite.guestId, now);
  // A guest in a lesson sits with the students: muted, asking to speak.
  const askToSpeak = event.kind === "CLASS" ? { askToSpeak: true as const } : {};
  return { event, access: checked.ok ? { ok: true, role: "ATTENDEE", inviteId: checked.inviteId, ...askToSpeak } : checked, guest: !user };
}

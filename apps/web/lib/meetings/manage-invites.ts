import type { Db } from "@diemcau/db";
import { AppError } from "../errors/app-error";
import { refuse } from "./can-join";
import { MAX_INVITE_TTL_HOURS, signInvite, verifyInvite } from "./invite-link";

/** A new invite row and the token of its link, valid `ttlHours`. */
export async function createInvite(db: Db, eventId: string, createdById: string, secret: string, ttlHours: number, now = new Date()) {
  if (ttlHours <= 0 || ttlHours > MAX_INVITE_TTL_HOURS) throw new RangeError(`ttlHours must be in (0, ${MAX_INVITE_TTL_HOURS}]`);
  const expiresAt = new Date(now.getTime() + Math.round(ttlHours * 3600) * 1000);
  const { id } = await db.meetingInvite.create({ data: { eventId, createdById, expiresAt }, select: { id: true } });
  return { id, expiresAt, token: await signInvite(id, eventId, secret, expiresAt, now.getTime()) };
}

/** The event's invites that still admit someone, newest first, for the host to see and revoke. */
export function listOpenInvites(db: Db, eventId: string, now = new Date()) {
  return db.meetingInvite.findMany({
    where: { eventId, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, createdAt: true, expiresAt: true, closedToNewcomersAt: true, _count: { select: { admissions: true } } },
    orderBy: { createdAt: "desc" },
  });
}

/** The host revokes a link: nobody gets a join token with it any more (those in the room stay). */
export async function revokeInvite(db: Db, eventId: string, inviteId: string, now = new Date()): Promise<void> {
  const { count } = await db.meetingInvite.updateMany({ where: { id: inviteId, eventId, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0 && !(await db.meetingInvite.count({ where: { id: inviteId, eventId } })))
    throw new AppError("MEETING_INVITE_NOT_FOUND", "Không tìm thấy đường dẫn mời này.", 404);
}

/**
 * Whether an invite link admits `userId` (a signed guest id, an account, or null for a guest who
 * has none yet) to this event now: the token is ours, its row is neither revoked nor expired,
 * this person was not removed from the event, and an invite closed by a removal admits only
 * those it admitted before.
 */
export async function checkInvite(
  db: Db,
  token: string,
  eventId: string,
  secret: string,
  userId: string | null,
  now = new Date(),
): Promise<{ ok: true; inviteId: string } | ReturnType<typeof refuse>> {
  const verified = await verifyInvite(token, eventId, secret, now.getTime());
  if (!verified.ok) return refuse(verified.code);
  const invite = await db.meetingInvite.findUnique({
    where: { id: verified.inviteId },
    select: { eventId: true, expiresAt: true, revokedAt: true, closedToNewcomersAt: true },
  });
  if (!invite || invite.eventId !== eventId) return refuse("MEETING_INVITE_INVALID");
  if (invite.revokedAt) return refuse("MEETING_INVITE_REVOKED");
  if (invite.expiresAt <= now) return refuse("MEETING_INVITE_EXPIRED");
  if (userId && (await db.meetingRemoval.count({ where: { eventId, userId } }))) return refuse("MEETING_REMOVED");
  if (invite.closedToNewcomersAt) {
    const admitted = userId && (await db.meetingInviteAdmission.count({ where: { inviteId: verified.inviteId, userId } }));
    if (!admitted) return refuse("MEETING_INVITE_CLOSED");
  }
  return { ok: true, inviteId: verified.inviteId };
}

/** Remembers whom an invite let in, so it still admits them after it is closed to newcomers. */
export async function recordInviteAdmission(db: Db, inviteId: string, userId: string): Promise<void> {
  await db.meetingInviteAdmission.createMany({ data: [{ inviteId, userId }], skipDuplicates: true });
}

import { seedDemo } from "@diemcau/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAttendanceReports } from "../attendance/record-attendance-reports";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { issueGuestId } from "./guest-identity";
import { createInvite, listOpenInvites, recordInviteAdmission, revokeInvite } from "./manage-invites";
import { resolveMeetingAccess } from "./resolve-meeting-access";

const SECRET = "a-web-auth-secret-of-at-least-32-characters";

describe("guest invites on a real database: revocable links, removals bound to the invite and the signed guest id", () => {
  let database: TestDatabase;
  let event: { id: string; roomName: string; startsAt: Date; hostId: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    event = await database.db.event.findUniqueOrThrow({
      where: { roomName: "demo-hoi-nghi-trien-khai-nam-hoc" },
      select: { id: true, roomName: true, startsAt: true, hostId: true },
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** What the token route decides for a guest with this link and id, at the meeting's start. */
  const asGuest = async (token: string, guestId: string | null) => {
    const { access } = await resolveMeetingAccess(database.db, event.id, null, { token, secret: SECRET, guestId }, event.startsAt);
    if (access.ok && access.inviteId && guestId) await recordInviteAdmission(database.db, access.inviteId, guestId);
    return access.ok ? { ok: true, inviteId: access.inviteId } : { ok: false, code: access.code };
  };

  it("keeps a removed guest out, even under a new guest id, while guests admitted before stay welcome", async () => {
    const madeAt = new Date(event.startsAt.getTime() - 3600_000);
    const invite = await createInvite(database.db, event.id, event.hostId, SECRET, 24, madeAt);
    const removed = issueGuestId(SECRET).userId;
    const earlier = issueGuestId(SECRET).userId;
    expect(await asGuest(invite.token, removed)).toEqual({ ok: true, inviteId: invite.id });
    expect(await asGuest(invite.token, earlier)).toEqual({ ok: true, inviteId: invite.id });

    // media-server reports the host's removal of the first guest.
    const at = event.startsAt.toISOString();
    await recordAttendanceReports(database.db, { reports: [{ type: "removed", peerId: "p-removed", room: event.roomName, userId: removed, inviteId: invite.id, at }] });

    expect(await asGuest(invite.token, removed)).toEqual({ ok: false, code: "MEETING_REMOVED" });
    // Clearing cookies gives a new id: the link no longer admits newcomers.
    expect(await asGuest(invite.token, issueGuestId(SECRET).userId)).toEqual({ ok: false, code: "MEETING_INVITE_CLOSED" });
    expect(await asGuest(invite.token, null)).toEqual({ ok: false, code: "MEETING_INVITE_CLOSED" });
    expect(await asGuest(invite.token, earlier)).toEqual({ ok: true, inviteId: invite.id });
    // A new link from the host admits new guests again, but never the removed one.
    const next = await createInvite(database.db, event.id, event.hostId, SECRET, 24, madeAt);
    expect(await asGuest(next.token, issueGuestId(SECRET).userId)).toMatchObject({ ok: true });
    expect(await asGuest(next.token, removed)).toEqual({ ok: false, code: "MEETING_REMOVED" });
    // A retried report changes nothing.
    await recordAttendanceReports(database.db, { reports: [{ type: "removed", peerId: "p-removed", room: event.roomName, userId: removed, inviteId: invite.id, at }] });
    expect(await database.db.meetingRemoval.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("lets the host revoke a link, after which nobody gets in with it", async () => {
    const madeAt = new Date(event.startsAt.getTime() - 3600_000);
    const invite = await createInvite(database.db, event.id, event.hostId, SECRET, 24, madeAt);
    const guest = issueGuestId(SECRET).userId;
    expect(await asGuest(invite.token, guest)).toMatchObject({ ok: true });
    expect((await listOpenInvites(database.db, event.id, madeAt)).map((i) => i.id)).toContain(invite.id);
    await revokeInvite(database.db, event.id, invite.id);
    expect(await asGuest(invite.token, guest)).toEqual({ ok: false, code: "MEETING_INVITE_REVOKED" });
    expect((await listOpenInvites(database.db, event.id, madeAt)).map((i) => i.id)).not.toContain(invite.id);
    await expect(revokeInvite(database.db, event.id, "no-such-invite")).rejects.toMatchObject({ code: "MEETING_INVITE_NOT_FOUND" });
  });

  it("refuses a link whose row is gone or belongs to another event", async () => {
    const other = await database.db.event.findFirstOrThrow({ where: { id: { not: event.id } }, select: { id: true, hostId: true } });
    const foreign = await createInvite(database.db, other.id, other.hostId, SECRET, 24);
    // Signed for the other event: its subject does not match this one.
    expect(await asGuest(foreign.token, null)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
    const gone = await createInvite(database.db, event.id, event.hostId, SECRET, 24, new Date(event.startsAt.getTime() - 3600_000));
    await database.db.meetingInvite.delete({ where: { id: gone.id } });
    expect(await asGuest(gone.token, null)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
  });
});

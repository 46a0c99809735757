import { describe, expect, it } from "vitest";
import { signInvite, verifyInvite } from "./invite-link";

const secret = "a-web-auth-secret-of-at-least-32-characters";
const t0 = Date.parse("2026-09-05T01:00:00Z");
const inTwoHours = new Date(t0 + 2 * 3600_000);

describe("invite links", () => {
  it("name their invite and open the event they name until they expire", async () => {
    const invite = await signInvite("inv-1", "event-1", secret, inTwoHours, t0);
    expect(await verifyInvite(invite, "event-1", secret, t0 + 3600_000)).toEqual({ ok: true, inviteId: "inv-1", expiresAt: inTwoHours });
    expect(await verifyInvite(invite, "event-1", secret, t0 + 3 * 3600_000)).toEqual({ ok: false, code: "MEETING_INVITE_EXPIRED" });
  });
  it("are refused for another event, with another secret, or when tampered with", async () => {
    const invite = await signInvite("inv-1", "event-1", secret, inTwoHours, t0);
    expect(await verifyInvite(invite, "event-2", secret, t0)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
    expect(await verifyInvite(invite, "event-1", `${secret}-other`, t0)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
    expect(await verifyInvite(`${invite}x`, "event-1", secret, t0)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
    expect(await verifyInvite("garbage", "event-1", secret, t0)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
  });
});

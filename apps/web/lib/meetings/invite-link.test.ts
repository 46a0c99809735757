import { describe, expect, it } from "vitest";
import { signInvite, verifyInvite } from "./invite-link";

const secret = "a-web-auth-secret-of-at-least-32-characters";
const t0 = Date.parse("2026-09-05T01:00:00Z");

describe("invite links", () => {
  it("open the event they name until they expire", async () => {
    const invite = await signInvite("event-1", "host-1", secret, 2, t0);
    expect(await verifyInvite(invite, "event-1", secret, t0 + 3600_000)).toEqual({ ok: true, expiresAt: new Date(t0 + 2 * 3600_000) });
    expect(await verifyInvite(invite, "event-1", secret, t0 + 3 * 3600_000)).toEqual({ ok: false, code: "MEETING_INVITE_EXPIRED" });
  });
  it("are refused for another event, with another secret, or when tampered with", async () => {
    const invite = await signInvite("event-1", "host-1", secret, 2, t0);
    expect(await verifyInvite(invite, "event-2", secret, t0)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
    expect(await verifyInvite(invite, "event-1", `${secret}-other`, t0)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
    expect(await verifyInvite(`${invite}x`, "event-1", secret, t0)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
    expect(await verifyInvite("garbage", "event-1", secret, t0)).toEqual({ ok: false, code: "MEETING_INVITE_INVALID" });
  });
  it("cannot live longer than a week", async () => {
    await expect(signInvite("event-1", "host-1", secret, 24 * 8)).rejects.toThrow(RangeError);
  });
});

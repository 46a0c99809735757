import { describe, expect, it } from "vitest";
import { createLiveToken, verifyLiveToken } from "./live-token";

const SECRET = "live-token-test-secret-0123456789abcdef";
const CLAIMS = { recordingId: "rec-1", eventId: "ev-1", viewerId: "user-1", watchVersion: 2 };

describe("live HLS path tokens", () => {
  it("grants the recording, event, viewer and watch version it was made for until it expires", () => {
    const now = Date.parse("2026-11-28T08:00:00Z");
    const token = createLiveToken(CLAIMS, SECRET, now);
    expect(verifyLiveToken(token, SECRET, now + 60_000)).toEqual(CLAIMS);
    expect(verifyLiveToken(token, SECRET, now + 7 * 3600_000)).toBeNull();
  });
  it("refuses forged, altered or malformed tokens", () => {
    const token = createLiveToken(CLAIMS, SECRET);
    expect(verifyLiveToken(token, `${SECRET}-other`)).toBeNull();
    const [, signature] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ r: "rec-2", ev: "ev-1", u: "user-1", v: 2, x: 9e9 })).toString("base64url")}.${signature}`;
    expect(verifyLiveToken(forged, SECRET)).toBeNull();
    expect(verifyLiveToken("garbage", SECRET)).toBeNull();
    expect(verifyLiveToken(`${token}.x`, SECRET)).toBeNull();
  });
});

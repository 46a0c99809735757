import { describe, expect, it } from "vitest";
import { createLiveToken, verifyLiveToken } from "./live-token";

const SECRET = "live-token-test-secret-0123456789abcdef";

describe("live HLS path tokens", () => {
  it("grants the recording it was made for until it expires", () => {
    const now = Date.parse("2026-11-28T08:00:00Z");
    const token = createLiveToken("rec-1", SECRET, now);
    expect(verifyLiveToken(token, SECRET, now + 60_000)).toBe("rec-1");
    expect(verifyLiveToken(token, SECRET, now + 7 * 3600_000)).toBeNull();
  });
  it("refuses forged, altered or malformed tokens", () => {
    const token = createLiveToken("rec-1", SECRET);
    expect(verifyLiveToken(token, `${SECRET}-other`)).toBeNull();
    const [, signature] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ r: "rec-2", e: 9e9 })).toString("base64url")}.${signature}`;
    expect(verifyLiveToken(forged, SECRET)).toBeNull();
    expect(verifyLiveToken("garbage", SECRET)).toBeNull();
    expect(verifyLiveToken(`${token}.x`, SECRET)).toBeNull();
  });
});

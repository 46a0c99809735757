import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { JoinTokenError, signJoinToken, verifyJoinToken, type TJoinTokenClaims } from "./join-token";

const secret = "s".repeat(40);
const claims: TJoinTokenClaims = { room: "event-1", userId: "u1", displayName: "Điểm cầu Phù Ninh", role: "ATTENDEE", bridgePointId: "bp-3" };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    expect(error).toBeInstanceOf(JoinTokenError);
    return (error as JoinTokenError).code;
  }
}

describe("join token", () => {
  it("round-trips the claims", async () => {
    const verified = await verifyJoinToken(await signJoinToken(claims, secret), secret);
    expect(verified).toMatchObject(claims);
    expect(verified.exp - Date.now() / 1000).toBeLessThanOrEqual(120);
  });

  it("refuses expired, foreign, tampered, long-lived and missing tokens with stable codes", async () => {
    const expired = await signJoinToken(claims, secret, { ttlSeconds: 60, now: Date.now() - 10 * 60_000 });
    expect(await codeOf(verifyJoinToken(expired, secret))).toBe("TOKEN_EXPIRED");
    expect(await codeOf(verifyJoinToken(await signJoinToken(claims, "x".repeat(40)), secret))).toBe("TOKEN_INVALID");
    const token = await signJoinToken(claims, secret);
    expect(await codeOf(verifyJoinToken(token.slice(0, -2) + "AA", secret))).toBe("TOKEN_INVALID");
    const longLived = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("diemcau:web")
      .setAudience("diemcau:media-server")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(secret));
    expect(await codeOf(verifyJoinToken(longLived, secret))).toBe("TOKEN_INVALID");
    expect(await codeOf(verifyJoinToken(undefined, secret))).toBe("TOKEN_MISSING");
    expect(await codeOf(verifyJoinToken({ token }, secret))).toBe("TOKEN_MISSING");
  });

  it("refuses to sign a token that lives longer than two minutes", async () => {
    await expect(signJoinToken(claims, secret, { ttlSeconds: 600 })).rejects.toThrow(RangeError);
  });
});

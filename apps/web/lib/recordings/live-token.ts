import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The watch page checks access once and hands out a path token for the live playlist; each
 * segment request then costs one HMAC and no session or database lookup, which is what lets one
 * web node serve hundreds of viewers. The token sits in the path so relative segment URLs in the
 * playlist carry it along.
 */
const LIFETIME_SECONDS = 6 * 3600;

function sign(payload: string, secret: string): string {
  return createHmac("sha256", `live-hls:${secret}`).update(payload).digest("base64url");
}

export function createLiveToken(recordingId: string, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ r: recordingId, e: Math.floor(now / 1000) + LIFETIME_SECONDS })).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

/** The recording id the token grants, or null when it is forged, malformed or expired. */
export function verifyLiveToken(token: string, secret: string, now = Date.now()): string | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { r?: unknown; e?: unknown };
    if (typeof claims.r !== "string" || typeof claims.e !== "number" || claims.e * 1000 < now) return null;
    return claims.r;
  } catch {
    return null;
  }
}

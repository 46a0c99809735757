import { errors, jwtVerify, SignJWT } from "jose";
import type { TMeetingRefusalCode } from "./can-join";

/**
 * A host-issued invite is a signed token (HS256 with the web's own AUTH_SECRET) naming one event
 * and an expiry, so guests need no account and the database needs no invite table. It cannot be
 * revoked before it expires, which is why lifetimes are short.
 */
const AUDIENCE = "diemcau:meeting-invite";
const ISSUER = "diemcau:web";
export const DEFAULT_INVITE_TTL_HOURS = 24;
export const MAX_INVITE_TTL_HOURS = 7 * 24;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signInvite(eventId: string, issuedBy: string, secret: string, ttlHours = DEFAULT_INVITE_TTL_HOURS, now = Date.now()): Promise<string> {
  if (ttlHours <= 0 || ttlHours > MAX_INVITE_TTL_HOURS) throw new RangeError(`ttlHours must be in (0, ${MAX_INVITE_TTL_HOURS}]`);
  const iat = Math.floor(now / 1000);
  return new SignJWT({ by: issuedBy })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(eventId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + Math.round(ttlHours * 3600))
    .sign(keyOf(secret));
}

/** Checks that the invite is ours, unexpired and for this event. */
export async function verifyInvite(
  token: string,
  eventId: string,
  secret: string,
  now = Date.now(),
): Promise<{ ok: true; expiresAt: Date } | { ok: false; code: Extract<TMeetingRefusalCode, "MEETING_INVITE_INVALID" | "MEETING_INVITE_EXPIRED"> }> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: eventId,
      requiredClaims: ["exp"],
      currentDate: new Date(now),
    });
    return { ok: true, expiresAt: new Date(payload.exp! * 1000) };
  } catch (error) {
    return { ok: false, code: error instanceof errors.JWTExpired ? "MEETING_INVITE_EXPIRED" : "MEETING_INVITE_INVALID" };
  }
}

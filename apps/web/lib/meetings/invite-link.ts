import { errors, jwtVerify, SignJWT } from "jose";
import type { TMeetingRefusalCode } from "./can-join";

/**
 * The token in a host's guest invite link: HS256 with the web's own AUTH_SECRET, naming one
 * event (subject) and one MeetingInvite row (jti), which is what the host revokes. The signature
 * keeps anyone from making links for other rows or events; the row says whether it still holds.
 */
const AUDIENCE = "diemcau:meeting-invite";
const ISSUER = "diemcau:web";
export const DEFAULT_INVITE_TTL_HOURS = 24;
export const MAX_INVITE_TTL_HOURS = 7 * 24;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signInvite(inviteId: string, eventId: string, secret: string, expiresAt: Date, now = Date.now()): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(eventId)
    .setJti(inviteId)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keyOf(secret));
}

/** Checks that the invite is ours, unexpired and for this event; its row is checked by checkInvite. */
export async function verifyInvite(
  token: string,
  eventId: string,
  secret: string,
  now = Date.now(),
): Promise<
  { ok: true; inviteId: string; expiresAt: Date } | { ok: false; code: Extract<TMeetingRefusalCode, "MEETING_INVITE_INVALID" | "MEETING_INVITE_EXPIRED"> }
> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: eventId,
      requiredClaims: ["exp", "jti"],
      currentDate: new Date(now),
    });
    return { ok: true, inviteId: payload.jti!, expiresAt: new Date(payload.exp! * 1000) };
  } catch (error) {
    return { ok: false, code: error instanceof errors.JWTExpired ? "MEETING_INVITE_EXPIRED" : "MEETING_INVITE_INVALID" };
  }
}

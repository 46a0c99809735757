import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const GUEST_COOKIE = "diemcau_guest";
const GUEST_COOKIE_MAX_AGE_SECONDS = 7 * 24 * 3600;
/** Keeps this MAC apart from anything else signed with AUTH_SECRET. */
const PURPOSE = "diemcau:guest-id";

function mac(id: string, secret: string): string {
  return createHmac("sha256", secret).update(`${PURPOSE}:${id}`).digest("base64url");
}

/**
 * A guest's identity, issued by web and signed with AUTH_SECRET: `<uuid>.<HMAC>` in an HttpOnly
 * cookie. A guest cannot choose an id (someone else's, to replace their session, or a fresh one
 * the host has not removed): an id is only what this server signed.
 */
export function issueGuestId(secret: string): { userId: string; cookie: string } {
  const id = randomUUID();
  return { userId: `guest:${id}`, cookie: `${id}.${mac(id, secret)}` };
}

/** The guest's user id from a cookie this server signed; null for a missing, bare or forged one. */
export function readGuestId(cookie: string | undefined, secret: string): string | null {
  const match = cookie?.match(/^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/);
  if (!match) return null;
  const expected = Buffer.from(mac(match[1]!, secret));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? `guest:${match[1]}` : null;
}

/** HttpOnly always; Secure whenever the site is served over HTTPS. */
export function guestCookieOptions(secure: boolean) {
  return { httpOnly: true, secure, sameSite: "lax" as const, path: "/", maxAge: GUEST_COOKIE_MAX_AGE_SECONDS };
}

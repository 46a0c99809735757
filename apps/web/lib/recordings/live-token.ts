import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * The watch page checks access once and hands out a path token for the live playlist; each
 * segment request then costs one HMAC, the viewer's session and a cached look at the event, which
 * is what lets one web node serve hundreds of viewers. The token sits in the path so relative
 * segment URLs in the playlist carry it along. It is bound to its event, to the signed-in viewer
 * it was made for (a copied URL plays for nobody else), and to the event's live-watch version,
 * which the host bumps to revoke every link handed out so far.
 */
const LIFETIME_SECONDS = 6 * 3600;

export type TLiveTokenClaims = { recordingId: string; eventId: string; viewerId: string; watchVersion: number };

const ZPayloadSchema = z.object({ r: z.string(), ev: z.string(), u: z.string(), v: z.number().int(), x: z.number() });

function sign(payload: string, secret: string): string {
  return createHmac("sha256", `live-hls:${secret}`).update(payload).digest("base64url");
}

export function createLiveToken(claims: TLiveTokenClaims, secret: string, now = Date.now()): string {
  const body = { r: claims.recordingId, ev: claims.eventId, u: claims.viewerId, v: claims.watchVersion, x: Math.floor(now / 1000) + LIFETIME_SECONDS };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims the token grants, or null when it is forged, malformed or expired. */
export function verifyLiveToken(token: string, secret: string, now = Date.now()): TLiveTokenClaims | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: z.infer<typeof ZPayloadSchema>;
  try {
    claims = ZPayloadSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  if (claims.x * 1000 < now) return null;
  return { recordingId: claims.r, eventId: claims.ev, viewerId: claims.u, watchVersion: claims.v };
}

import { randomBytes } from "node:crypto";
import type { Db } from "@diemcau/db";

/** 24 random bytes, base64url: unguessable, and safe in a URL path. */
const TOKEN_RE = /^[A-Za-z0-9_-]{32}$/;

/** The token in a feed URL's last segment ("<token>.ics"), or null when it cannot be one. */
export function feedTokenFromSegment(segment: string): string | null {
  const token = decodeURIComponent(segment).replace(/\.ics$/i, "");
  return TOKEN_RE.test(token) ? token : null;
}

export function calendarFeedUrl(baseUrl: string, token: string): string {
  return new URL(`/calendar/${token}.ics`, baseUrl).toString();
}

/** A new secret feed token for the user; the previous URL stops working at once. */
export async function regenerateCalendarToken(db: Db, userId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db.user.update({ where: { id: userId }, data: { calendarToken: token } });
  return token;
}

import { createHash } from "node:crypto";
import type { Db } from "@diemcau/db";
import { buildCalendarFeed } from "@diemcau/calendar/build-calendar-feed";
import { feedTokenFromSegment } from "./calendar-token";
import { findFeedEvents } from "@diemcau/calendar/find-feed-events";

/** Rendered feeds kept by content hash: calendar apps poll far more often than events change. */
const RENDERED_CACHE_SIZE = 200;
const rendered = new Map<string, string>();

function remember(key: string, body: string): void {
  rendered.delete(key);
  rendered.set(key, body);
  if (rendered.size > RENDERED_CACHE_SIZE) rendered.delete(rendered.keys().next().value!);
}

/**
 * GET /calendar/<token>.ics. The token is the only credential (calendar apps cannot sign in), so
 * an unknown or regenerated token is a plain 404 that says nothing about why. The ETag is a hash
 * of everything the feed is rendered from, so an unchanged feed costs one query and no rendering.
 */
export async function serveCalendarFeed(
  db: Db,
  segment: string,
  { baseUrl, ifNoneMatch = null, now = new Date() }: { baseUrl: string; ifNoneMatch?: string | null; now?: Date },
): Promise<Response> {
  const token = feedTokenFromSegment(segment);
  const owner = token
    ? await db.user.findUnique({
        where: { calendarToken: token },
        select: { id: true, name: true, role: true, bridgePointId: true, bridgePoint: { select: { name: true } } },
      })
    : null;
  if (!owner) return new Response("Không tìm thấy lịch.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

  const events = await findFeedEvents(db, owner, now);
  const name = `Điểm Cầu — ${owner.bridgePoint?.name ?? owner.name}`;
  const hash = createHash("sha256").update(JSON.stringify([name, baseUrl, events])).digest("base64url");
  const headers = {
    etag: `"${hash}"`,
    "cache-control": "private, max-age=300",
    // The URL is a secret: keep it out of referrers and search engines.
    "referrer-policy": "no-referrer",
    "x-robots-tag": "noindex",
  };
  if (ifNoneMatch === headers.etag) return new Response(null, { status: 304, headers });

  let body = rendered.get(hash);
  if (!body) {
    body = buildCalendarFeed(events, { name, baseUrl });
    remember(hash, body);
  }
  return new Response(body, {
    headers: { ...headers, "content-type": "text/calendar; charset=utf-8", "content-disposition": 'inline; filename="diemcau.ics"' },
  });
}

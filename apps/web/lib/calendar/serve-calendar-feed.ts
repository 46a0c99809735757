import type { Db } from "@diemcau/db";
import { buildCalendarFeed } from "./build-calendar-feed";
import { feedTokenFromSegment } from "./calendar-token";
import { findFeedEvents } from "./find-feed-events";

/**
 * GET /calendar/<token>.ics. The token is the only credential (calendar apps cannot sign in), so
 * an unknown or regenerated token is a plain 404 that says nothing about why.
 */
export async function serveCalendarFeed(db: Db, segment: string, baseUrl: string, now: Date = new Date()): Promise<Response> {
  const token = feedTokenFromSegment(segment);
  const owner = token
    ? await db.user.findUnique({ where: { calendarToken: token }, select: { id: true, name: true, role: true, bridgePointId: true, bridgePoint: { select: { name: true } } } })
    : null;
  if (!owner) return new Response("Không tìm thấy lịch.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const events = await findFeedEvents(db, owner, now);
  const name = `Điểm Cầu — ${owner.bridgePoint?.name ?? owner.name}`;
  return new Response(buildCalendarFeed(events, { name, baseUrl }), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="diemcau.ics"',
      "cache-control": "private, max-age=300",
      // The URL is a secret: keep it out of referrers and search engines.
      "referrer-policy": "no-referrer",
      "x-robots-tag": "noindex",
    },
  });
}

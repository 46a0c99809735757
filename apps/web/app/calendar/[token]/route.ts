import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";
import { serveCalendarFeed } from "@/lib/calendar/serve-calendar-feed";

export const dynamic = "force-dynamic";

/** /calendar/<token>.ics — the segment arrives with its ".ics", which the handler strips. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  return serveCalendarFeed(prisma, (await params).token, {
    baseUrl: publicBaseUrl(request.headers),
    ifNoneMatch: request.headers.get("if-none-match"),
  });
}

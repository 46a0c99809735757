import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { handleAttendanceRequest } from "@/lib/attendance/handle-attendance-request";
import { getMediaSecret } from "@/lib/meetings/media-secret";

export const dynamic = "force-dynamic";

/** Joins and leaves from media-server; authenticated by an HMAC of the body with MEDIA_SECRET, not by a session. */
export async function POST(request: NextRequest): Promise<Response> {
  return handleAttendanceRequest(request, prisma, getMediaSecret());
}

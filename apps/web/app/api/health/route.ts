import { prisma } from "@diemcau/db";
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/require-user";
import { getConfig } from "@/lib/config";
import { buildHealthReport } from "@/lib/health/build-health-report";
import { HEALTH_SECRET_HEADER, healthBody, mayReadHealthDetails } from "@/lib/health/health-response";

export const dynamic = "force-dynamic";

/** Up (200) or down (503) for anyone; which component and why for staff or a probe with HEALTH_SECRET. */
export async function GET(request: NextRequest) {
  const config = getConfig();
  const report = await buildHealthReport(prisma, config.MEDIA_SERVER_URL);
  const detailed = mayReadHealthDetails(await getCurrentUser(), request.headers.get(HEALTH_SECRET_HEADER), config.HEALTH_SECRET);
  return NextResponse.json(healthBody(report, detailed), { status: report.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

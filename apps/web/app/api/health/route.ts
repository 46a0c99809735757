import { prisma } from "@diemcau/db";
import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { buildHealthReport } from "@/lib/health/build-health-report";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await buildHealthReport(prisma, getConfig().MEDIA_SERVER_URL);
  return NextResponse.json(report, { status: report.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { attachmentHeader } from "@/lib/attendance/attendance-table";
import { withRole } from "@/lib/auth/with-role";
import { statisticsCsv, statisticsFileName, statisticsXlsx } from "@/lib/statistics/statistics-export";
import { loadStatisticsForUser, statisticsPageQuery } from "@/lib/statistics/statistics-page-query";

export const dynamic = "force-dynamic";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The dashboard's figures as CSV (?format=csv) or XLSX (?format=xlsx), for the same parameters. */
export const GET = withRole(["ADMIN", "STAFF"], async (req: NextRequest, { user }) => {
  const { query } = statisticsPageQuery(Object.fromEntries(req.nextUrl.searchParams));
  const { stats } = await loadStatisticsForUser(prisma, user, query);
  const xlsx = req.nextUrl.searchParams.get("format") === "xlsx";
  const body = xlsx ? new Uint8Array(await statisticsXlsx(stats)) : statisticsCsv(stats);
  return new Response(body, {
    headers: {
      "content-type": xlsx ? XLSX_TYPE : "text/csv; charset=utf-8",
      "content-disposition": attachmentHeader(statisticsFileName(stats, xlsx ? "xlsx" : "csv")),
      "cache-control": "no-store",
    },
  });
});

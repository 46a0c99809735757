import { summaryResponse } from "@/lib/statistics/statistics-api";
import { statisticsEndpoint } from "@/lib/statistics/statistics-endpoint";

export const dynamic = "force-dynamic";

/** The totals and the breakdown of a period, one page of rows. */
export const GET = statisticsEndpoint("statistics.summary", summaryResponse);

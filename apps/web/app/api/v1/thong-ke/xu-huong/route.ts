import { trendResponse } from "@/lib/statistics/statistics-api";
import { statisticsEndpoint } from "@/lib/statistics/statistics-endpoint";

export const dynamic = "force-dynamic";

/** The period day by day (a week or a month) or month by month, one page of points. */
export const GET = statisticsEndpoint("statistics.trend", trendResponse);

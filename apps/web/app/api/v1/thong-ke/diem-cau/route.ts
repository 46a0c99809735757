import { bridgePointsResponse } from "@/lib/statistics/statistics-api";
import { statisticsEndpoint } from "@/lib/statistics/statistics-endpoint";

export const dynamic = "force-dynamic";

/** Each bridge point's attendance at the period's conference sessions, one page. */
export const GET = statisticsEndpoint("statistics.bridge-points", bridgePointsResponse);

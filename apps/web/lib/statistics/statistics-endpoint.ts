import { type Db, prisma } from "@diemcau/db";
import { parseInput } from "../api/parse-input";
import { toApiResponse } from "../api/to-api-response";
import { authenticateServiceToken } from "../service-tokens/service-tokens";
import type { TServiceTokenScope } from "../service-tokens/service-token-scopes";
import { loadStatistics, type TStatistics } from "./load-statistics";
import { ZPagingSchema, type TPaging } from "./statistics-api";
import { ZStatisticsQuerySchema, type TStatisticsQuery } from "./statistics-query";
import { decideStatisticsScope, enforceStatisticsScope } from "./statistics-scope";

export type TStatisticsResponder = (stats: TStatistics, query: TStatisticsQuery, paging: TPaging) => unknown;

/**
 * One request to the IOC API: a live service token with the endpoint's scope, the query checked
 * by zod, the figures from loadStatistics within the token's district, one page answered as JSON.
 */
export function handleStatisticsRequest(db: Db, req: Request, scope: TServiceTokenScope, respond: TStatisticsResponder): Promise<Response> {
  return toApiResponse(async () => {
    const service = await authenticateServiceToken(db, req, scope);
    const { page, pageSize, ...params } = Object.fromEntries(new URL(req.url).searchParams);
    const paging = parseInput(ZPagingSchema, { page, pageSize });
    const query = parseInput(ZStatisticsQuerySchema, params);
    const { districtId } = enforceStatisticsScope(decideStatisticsScope({ role: "SERVICE", districtId: service.districtId }, query.districtId));
    return respond(await loadStatistics(db, query, { districtId }), query, paging);
  });
}

/** The GET handler of one endpoint, on the app's database. */
export function statisticsEndpoint(scope: TServiceTokenScope, respond: TStatisticsResponder) {
  return (req: Request): Promise<Response> => handleStatisticsRequest(prisma, req, scope, respond);
}

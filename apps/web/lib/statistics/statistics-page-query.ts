import type { Db } from "@diemcau/db";
import { loadAccountActor } from "../accounts/load-account-actor";
import type { TSessionUser } from "../auth/session-user";
import { loadStatistics, type TStatistics } from "./load-statistics";
import { ZStatisticsQuerySchema, type TStatisticsQuery } from "./statistics-query";
import { decideStatisticsScope, enforceStatisticsScope } from "./statistics-scope";

const FIELDS = ["period", "date", "from", "to", "groupBy", "districtId"] as const;

/**
 * The dashboard's search parameters: the first value of each known one; a value that does not
 * parse (a mistyped link) is dropped, and a range without both ends falls back to the school year.
 */
export function statisticsPageQuery(searchParams: Record<string, string | string[] | undefined>): { query: TStatisticsQuery; params: Record<string, string> } {
  const params: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = searchParams[field];
    const first = Array.isArray(value) ? value[0] : value;
    if (first && ZStatisticsQuerySchema.shape[field].safeParse(first).success) params[field] = first;
  }
  const parsed = ZStatisticsQuerySchema.safeParse(params);
  if (parsed.success) return { query: parsed.data, params };
  const { period: _period, from: _from, to: _to, ...rest } = params;
  return { query: ZStatisticsQuerySchema.parse(rest), params: rest };
}

/** The statistics a signed-in person asked for, within what they may see (statistics-scope.ts). */
export async function loadStatisticsForUser(
  db: Db,
  user: Pick<TSessionUser, "id" | "role">,
  query: TStatisticsQuery,
): Promise<{ stats: TStatistics; ownDistrictId: string | null }> {
  const actor = await loadAccountActor(db, user);
  const { districtId } = enforceStatisticsScope(decideStatisticsScope(actor, query.districtId));
  const ownDistrictId = actor.role === "ADMIN" ? null : actor.districtId;
  return { stats: await loadStatistics(db, query, { districtId }), ownDistrictId };
}

import type { Role } from "@diemcau/db";
import { AppError, forbiddenAction } from "../errors/app-error";

/** Whose figures someone may see: the whole province, or one district. */
export type TStatisticsScope = { districtId: string | null };

export type TScopeDecision = { ok: true; scope: TStatisticsScope } | { ok: false; code: "FORBIDDEN" | "STATISTICS_OUT_OF_DISTRICT" };

/**
 * Administrators see every district; staff of a district see that district only, and department
 * staff (no district) every district, as with accounts (lib/accounts/account-scope.ts). A service
 * token made for one district is held to it like district staff. A request for a district outside
 * the scope is refused rather than silently narrowed.
 */
export function decideStatisticsScope(
  actor: { role: Role | "SERVICE"; districtId: string | null },
  requestedDistrictId: string | undefined,
): TScopeDecision {
  if (actor.role !== "ADMIN" && actor.role !== "STAFF" && actor.role !== "SERVICE") return { ok: false, code: "FORBIDDEN" };
  const own = actor.role === "ADMIN" ? null : actor.districtId;
  if (own === null) return { ok: true, scope: { districtId: requestedDistrictId ?? null } };
  if (requestedDistrictId !== undefined && requestedDistrictId !== own) return { ok: false, code: "STATISTICS_OUT_OF_DISTRICT" };
  return { ok: true, scope: { districtId: own } };
}

/** The scope a decision allows, or the refusal as the app's error. */
export function enforceStatisticsScope(decision: TScopeDecision): TStatisticsScope {
  if (decision.ok) return decision.scope;
  if (decision.code === "FORBIDDEN") throw forbiddenAction();
  throw new AppError("STATISTICS_OUT_OF_DISTRICT", "Chỉ xem được số liệu của huyện, thị xã, thành phố của mình.", 403, "districtId");
}

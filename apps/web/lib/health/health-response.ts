import { timingSafeEqual } from "node:crypto";
import type { THealthReport } from "@diemcau/protocol";
import type { TSessionUser } from "../auth/session-user";

export const HEALTH_SECRET_HEADER = "x-health-secret";

/** Staff, or a monitoring probe that knows HEALTH_SECRET, may read which part is down and why. */
export function mayReadHealthDetails(viewer: Pick<TSessionUser, "role"> | null, given: string | null, secret: string | undefined): boolean {
  if (viewer?.role === "ADMIN" || viewer?.role === "STAFF") return true;
  if (!secret || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What /api/health tells: up or down to anyone; the components' details only to those allowed. */
export function healthBody(report: THealthReport, detailed: boolean): THealthReport | { ok: boolean } {
  return detailed ? report : { ok: report.ok };
}

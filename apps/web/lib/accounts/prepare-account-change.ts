import type { Role } from "@diemcau/db";
import { AppError } from "../errors/app-error";
import type { TTx } from "../schedule/lock-keys";
import type { TAccountDecision } from "./account-scope";

/**
 * Account changes run one at a time (a transaction-scoped advisory lock), so two administrators
 * disabling each other at once cannot both see "another active administrator" and leave none.
 */
export async function lockAccountChanges(tx: TTx): Promise<{ activeAdmins: number }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('accounts:changes', 0))`;
  return { activeAdmins: await tx.user.count({ where: { role: "ADMIN", disabledAt: null } }) };
}

/** A refusal of the account rules as the error the route answers with. */
export function enforce(decision: TAccountDecision): void {
  if (!decision.ok) throw new AppError(decision.code, decision.message, 403);
}

export type TPlacement = { role: Role; districtId: string | null; bridgePointId: string | null };

/**
 * Where an account belongs. A bridge-point room belongs to its bridge point's district; other
 * roles have no bridge point. An unknown district or bridge point is refused.
 */
export async function resolvePlacement(tx: TTx, input: { role: Role; districtId: string | null; bridgePointId: string | null }): Promise<TPlacement> {
  if (input.role === "BRIDGE_POINT") {
    if (!input.bridgePointId) throw new AppError("ACCOUNT_BRIDGE_POINT_REQUIRED", "Tài khoản điểm cầu cần chọn điểm cầu.", 400, "bridgePointId");
    const bridgePoint = await tx.bridgePoint.findUnique({ where: { id: input.bridgePointId }, select: { districtId: true } });
    if (!bridgePoint) throw new AppError("ACCOUNT_BRIDGE_POINT_UNKNOWN", "Điểm cầu không tồn tại.", 400, "bridgePointId");
    return { role: input.role, districtId: bridgePoint.districtId, bridgePointId: input.bridgePointId };
  }
  if (input.districtId && !(await tx.district.findUnique({ where: { id: input.districtId }, select: { id: true } }))) {
    throw new AppError("ACCOUNT_DISTRICT_UNKNOWN", "Huyện, thị xã, thành phố không tồn tại.", 400, "districtId");
  }
  return { role: input.role, districtId: input.districtId, bridgePointId: null };
}

/** Email and mã định danh each name one account. */
export async function ensureUnique(tx: TTx, fields: { email: string; studentCode: string | null }, exceptId?: string): Promise<void> {
  const others = { id: exceptId ? { not: exceptId } : undefined };
  if (await tx.user.findFirst({ where: { email: fields.email, ...others }, select: { id: true } })) {
    throw new AppError("ACCOUNT_EMAIL_TAKEN", "Email này đã có tài khoản.", 409, "email");
  }
  if (fields.studentCode && (await tx.user.findFirst({ where: { studentCode: fields.studentCode, ...others }, select: { id: true } }))) {
    throw new AppError("ACCOUNT_CODE_TAKEN", `Mã định danh ${fields.studentCode} đã thuộc một tài khoản khác.`, 409, "studentCode", [], { code: fields.studentCode });
  }
}

import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@diemcau/db";
import { z } from "zod";
import { recordAudit } from "../accounts/record-audit";
import { parseInput } from "../api/parse-input";
import { AppError, notFound } from "../errors/app-error";
import { SERVICE_TOKEN_PREFIX, SERVICE_TOKEN_SCOPES, type TServiceTokenScope } from "./service-token-scopes";

/** A token's last use is written at most this often, so a busy client does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const ZCreateServiceTokenSchema = z.object({
  name: z.string().trim().min(1, "Hãy đặt tên cho mã truy cập.").max(120, "Tên dài tối đa 120 ký tự."),
  scopes: z.array(z.enum(SERVICE_TOKEN_SCOPES)).min(1, "Hãy chọn ít nhất một quyền đọc.").max(SERVICE_TOKEN_SCOPES.length),
  districtId: z.string().min(1).max(64).nullish(),
});

function hashServiceToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Makes a read-only token; the token itself is returned this once and only its hash is kept. */
export async function createServiceToken(db: Db, actorId: string, input: unknown): Promise<{ id: string; token: string }> {
  const { name, scopes, districtId } = parseInput(ZCreateServiceTokenSchema, input);
  if (districtId && !(await db.district.findUnique({ where: { id: districtId }, select: { id: true } }))) {
    throw new AppError("ACCOUNT_DISTRICT_UNKNOWN", "Huyện, thị xã, thành phố không tồn tại.", 400, "districtId");
  }
  const token = `${SERVICE_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const created = await db.$transaction(async (tx) => {
    const row = await tx.serviceToken.create({
      data: { name, scopes: [...new Set(scopes)], districtId: districtId ?? null, tokenHash: hashServiceToken(token), createdById: actorId },
      select: { id: true },
    });
    await recordAudit(tx, { actorId, action: "service-token.create", details: { serviceTokenId: row.id, name, scopes, districtId: districtId ?? null } });
    return row;
  });
  return { id: created.id, token };
}

/** Revokes a token for good: the API refuses it from the next request on. */
export async function revokeServiceToken(db: Db, actorId: string, id: string, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.serviceToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) {
      if (!(await tx.serviceToken.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Mã truy cập", "SERVICE_TOKEN_NOT_FOUND");
      return;
    }
    await recordAudit(tx, { actorId, action: "service-token.revoke", details: { serviceTokenId: id } });
  });
}

/** Every token made, newest first, for the administrators' page (never the tokens themselves). */
export function listServiceTokens(db: Db) {
  return db.serviceToken.findMany({
    select: { id: true, name: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true, district: { select: { name: true } }, createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}
export type TServiceTokenListItem = Awaited<ReturnType<typeof listServiceTokens>>[number];

/**
 * The service behind a request's "Authorization: Bearer <token>", if the token is live and has
 * the scope: 401 without a token or with an unknown or revoked one, 403 without the scope.
 */
export async function authenticateServiceToken(db: Db, req: Request, scope: TServiceTokenScope, now = new Date()): Promise<{ id: string; districtId: string | null }> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  if (!match) throw new AppError("SERVICE_TOKEN_REQUIRED", "Cần mã truy cập dịch vụ (Authorization: Bearer …).", 401);
  const token = await db.serviceToken.findUnique({
    where: { tokenHash: hashServiceToken(match[1]!) },
    select: { id: true, scopes: true, districtId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt) throw new AppError("SERVICE_TOKEN_INVALID", "Mã truy cập dịch vụ không hợp lệ hoặc đã bị thu hồi.", 401);
  if (!token.scopes.includes(scope)) throw new AppError("SERVICE_TOKEN_SCOPE", "Mã truy cập này không được phép đọc dữ liệu này.", 403);
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.serviceToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { id: token.id, districtId: token.districtId };
}

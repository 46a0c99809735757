import { hashAccountToken, type Db } from "@diemcau/db";
import type { AccountTokenKind } from "@diemcau/db";
import { hashPassword } from "@diemcau/db/password";
import { z } from "zod";
import { parseInput } from "../api/parse-input";
import { forgetAccountState } from "../auth/account-state";
import { AppError } from "../errors/app-error";
import { MAX_PASSWORD_LENGTH, checkNewPassword } from "./password-policy";
import { recordAudit } from "./record-audit";

type TTx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function linkInvalid(): AppError {
  return new AppError("ACCOUNT_LINK_INVALID", "Liên kết không hợp lệ, đã được dùng hoặc đã hết hạn. Vui lòng xin một liên kết mới.", 410);
}

/** The live token row of this kind, or null (unknown, used or expired). Read by the pages to show the form. */
export async function findLiveAccountToken(db: Db, kind: AccountTokenKind, token: string, now = new Date()) {
  const row = await db.accountToken.findUnique({
    where: { tokenHash: hashAccountToken(token) },
    select: { id: true, kind: true, userId: true, expiresAt: true, usedAt: true, user: { select: { email: true, name: true, disabledAt: true } } },
  });
  if (!row || row.kind !== kind || row.usedAt || row.expiresAt <= now) return null;
  return row;
}

/** Marks the token used inside the transaction; a second, concurrent redemption finds it used and fails. */
async function consume(tx: TTx, id: string, now: Date): Promise<void> {
  const { count } = await tx.accountToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) throw linkInvalid();
}

const ZTokenSchema = z.string().min(1).max(200);

export const ZFirstAdminSchema = z.object({
  token: ZTokenSchema,
  name: z.string().trim().min(1, "Vui lòng nhập họ tên.").max(120),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Email không hợp lệ.")),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

/** A production install's first administrator, through the one-time link printed by `npm start`. */
export async function createFirstAdmin(db: Db, input: unknown, now = new Date()): Promise<{ email: string }> {
  const { token, name, email, password } = parseInput(ZFirstAdminSchema, input);
  const row = await findLiveAccountToken(db, "FIRST_ADMIN", token, now);
  if (!row) throw linkInvalid();
  checkNewPassword(password, { email, name });
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await consume(tx, row.id, now);
    if ((await tx.user.count({ where: { role: "ADMIN", disabledAt: null } })) > 0) throw linkInvalid();
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError("ACCOUNT_EMAIL_TAKEN", "Email này đã có tài khoản.", 409, "email");
    }
    const admin = await tx.user.create({ data: { name, email, role: "ADMIN", passwordHash, passwordChangedAt: now }, select: { id: true } });
    await recordAudit(tx, { actorId: admin.id, action: "admin.first", targetUserId: admin.id });
  });
  return { email };
}

export const ZResetPasswordSchema = z.object({ token: ZTokenSchema, password: z.string().max(MAX_PASSWORD_LENGTH) });

/** A new password through a reset link an administrator or district staff issued; every session of the account ends. */
export async function resetPasswordWithToken(db: Db, input: unknown, now = new Date()): Promise<{ email: string }> {
  const { token, password } = parseInput(ZResetPasswordSchema, input);
  const row = await findLiveAccountToken(db, "PASSWORD_RESET", token, now);
  if (!row?.userId || !row.user || row.user.disabledAt) throw linkInvalid();
  checkNewPassword(password, row.user);
  const passwordHash = await hashPassword(password);
  const userId = row.userId;
  await db.$transaction(async (tx) => {
    await consume(tx, row.id, now);
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, { actorId: userId, action: "password.reset", targetUserId: userId });
  });
  forgetAccountState(userId);
  return { email: row.user.email };
}

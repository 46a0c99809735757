import type { Db } from "@diemcau/db";
import { hashPassword, verifyPassword } from "@diemcau/db/password";
import { z } from "zod";
import { parseInput } from "../api/parse-input";
import { forgetAccountState } from "../auth/account-state";
import { recordLoginFailure, readLoginThrottle, retryAfterMinutes, throttleKey } from "../auth/login-throttle";
import { AppError } from "../errors/app-error";
import { MAX_PASSWORD_LENGTH, checkNewPassword } from "./password-policy";
import { recordAudit } from "./record-audit";

export const ZChangePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Vui lòng nhập mật khẩu hiện tại.").max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().max(MAX_PASSWORD_LENGTH),
});
export type TChangePassword = z.infer<typeof ZChangePasswordSchema>;

/**
 * The signed-in user replaces their password (also the forced change after a seeded or
 * administrator-set one). A wrong current password counts toward the sign-in lock, so a stolen
 * session cannot guess it. Every session of the account ends; the browser signs in again.
 */
export async function changeOwnPassword(db: Db, userId: string, input: unknown, clientIp: string): Promise<void> {
  const { currentPassword, newPassword } = parseInput(ZChangePasswordSchema, input);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } });
  const key = throttleKey(user.email, clientIp);
  const throttle = await readLoginThrottle(db, key);
  if (throttle.locked) throw lockedOut(retryAfterMinutes(throttle.retryAfterMs));
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    const after = await recordLoginFailure(db, key);
    if (after.locked) throw lockedOut(retryAfterMinutes(after.retryAfterMs));
    throw new AppError("PASSWORD_CURRENT_WRONG", "Mật khẩu hiện tại không đúng.", 400, "currentPassword");
  }
  if (newPassword === currentPassword) {
    throw new AppError("PASSWORD_UNCHANGED", "Mật khẩu mới phải khác mật khẩu hiện tại.", 400, "newPassword");
  }
  checkNewPassword(newPassword, user);
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, { actorId: userId, action: "password.change", targetUserId: userId });
  });
  forgetAccountState(userId);
}

function lockedOut(minutes: number): AppError {
  return new AppError("AUTH_LOCKED", `Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`, 429, "currentPassword", [], { minutes });
}

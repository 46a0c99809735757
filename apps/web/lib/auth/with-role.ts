import type { Role } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "../api/to-api-response";
import { AppError } from "../errors/app-error";
import { getSessionUser } from "./require-user";
import type { TSessionUser } from "./session-user";

type RoleHandler<TContext> = (req: NextRequest, ctx: TContext & { user: TSessionUser }) => Promise<Response>;

/**
 * Guards a route handler: 401 without a (still valid) session, 403 while the password must be
 * changed and for any role not listed; an AppError the handler throws becomes the error response.
 */
export function withRole<TContext = unknown>(roles: readonly Role[], handler: RoleHandler<TContext>) {
  return (req: NextRequest, ctx: TContext): Promise<Response> =>
    catchAppError(async () => {
      const user = await getSessionUser();
      if (!user) throw new AppError("AUTH_REQUIRED", "Vui lòng đăng nhập để tiếp tục.", 401);
      if (user.mustChangePassword) {
        throw new AppError("PASSWORD_CHANGE_REQUIRED", "Vui lòng đổi mật khẩu trước khi tiếp tục.", 403);
      }
      if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "Bạn không có quyền truy cập chức năng này.", 403);
      return handler(req, { ...ctx, user });
    });
}

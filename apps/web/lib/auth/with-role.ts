import type { Role } from "@diemcau/db";
import { getServerSession } from "next-auth";
import type { NextRequest } from "next/server";
import { catchAppError } from "../api/to-api-response";
import { AppError } from "../errors/app-error";
import { getAuthOptions } from "./auth-options";
import type { TSessionUser } from "./session-user";

type RoleHandler<TContext> = (req: NextRequest, ctx: TContext & { user: TSessionUser }) => Promise<Response>;

/** Guards a route handler: 401 without a session, 403 for any role not listed; an AppError it throws becomes the error response. */
export function withRole<TContext = unknown>(roles: readonly Role[], handler: RoleHandler<TContext>) {
  return (req: NextRequest, ctx: TContext): Promise<Response> =>
    catchAppError(async () => {
      const session = await getServerSession(getAuthOptions());
      const user = session?.user;
      if (!user) throw new AppError("AUTH_REQUIRED", "Vui lòng đăng nhập để tiếp tục.", 401);
      if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "Bạn không có quyền truy cập chức năng này.", 403);
      return handler(req, { ...ctx, user });
    });
}

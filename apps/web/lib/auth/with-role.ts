import type { Role } from "@diemcau/db";
import { getServerSession } from "next-auth";
import type { NextRequest } from "next/server";
import { apiError } from "../api/api-error";
import { getAuthOptions } from "./auth-options";
import type { TSessionUser } from "./session-user";

type RoleHandler<TContext> = (req: NextRequest, ctx: TContext & { user: TSessionUser }) => Promise<Response>;

/** Guards a route handler: 401 without a session, 403 for any role not listed. */
export function withRole<TContext = unknown>(roles: readonly Role[], handler: RoleHandler<TContext>) {
  return async (req: NextRequest, ctx: TContext): Promise<Response> => {
    const session = await getServerSession(getAuthOptions());
    const user = session?.user;
    if (!user) return apiError(401, "AUTH_REQUIRED", "Vui lòng đăng nhập để tiếp tục.");
    if (!roles.includes(user.role)) return apiError(403, "FORBIDDEN", "Bạn không có quyền truy cập chức năng này.");
    return handler(req, { ...ctx, user });
  };
}

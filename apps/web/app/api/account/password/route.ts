import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { changeOwnPassword } from "@/lib/accounts/change-own-password";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { getSessionUser } from "@/lib/auth/require-user";
import { AppError } from "@/lib/errors/app-error";
import { requestClientAddress } from "@/lib/security/request-client-address";

export const dynamic = "force-dynamic";

/** The signed-in user's new password; also open to a session that must change its password first. */
export async function POST(request: NextRequest): Promise<Response> {
  return toApiResponse(async () => {
    const user = await getSessionUser();
    if (!user) throw new AppError("AUTH_REQUIRED", "Vui lòng đăng nhập để tiếp tục.", 401);
    await changeOwnPassword(prisma, user.id, await readJson(request), requestClientAddress(request.headers));
    return { ok: true, email: user.email };
  });
}

import { prisma } from "@diemcau/db";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { apiError } from "@/lib/api/api-error";
import { getCurrentUser } from "@/lib/auth/require-user";
import { getConfig } from "@/lib/config";
import { GUEST_COOKIE, guestUserId, issueJoinToken } from "@/lib/meetings/issue-join-token";
import type { TJoinTokenResponse } from "@/lib/meetings/join-token-response";
import { resolveMeetingAccess } from "@/lib/meetings/resolve-meeting-access";

export const dynamic = "force-dynamic";

const ZTokenRequestSchema = z
  .object({
    invite: z.string().min(1).max(2048).optional(),
    guestName: z.string().trim().min(1).max(80).optional(),
  })
  .strict();

const REFUSAL_STATUS: Record<string, number> = { MEETING_NOT_FOUND: 404 };

/** Issues a two-minute join token for the media server to whoever may enter this event now. */
export async function POST(req: NextRequest, { params }: { params: Promise<{ eventId: string }> }): Promise<Response> {
  const { eventId } = await params;
  const body = ZTokenRequestSchema.safeParse(await req.json().catch(() => ({})));
  if (!body.success) return apiError(400, "BAD_REQUEST", "Yêu cầu không hợp lệ.");
  const user = await getCurrentUser();
  if (!user && !body.data.invite) return apiError(401, "AUTH_REQUIRED", "Vui lòng đăng nhập để tham gia cuộc họp.");

  const { event, access, guest } = await resolveMeetingAccess(
    prisma,
    eventId,
    user,
    body.data.invite ? { token: body.data.invite, secret: getConfig().AUTH_SECRET } : null,
  );
  if (!event || !access.ok) {
    const refusal = access.ok ? { code: "MEETING_NOT_FOUND", message: "Không tìm thấy cuộc họp này." } : access;
    return apiError(REFUSAL_STATUS[refusal.code] ?? 403, refusal.code, refusal.message);
  }
  if (guest && !body.data.guestName) return apiError(400, "GUEST_NAME_REQUIRED", "Vui lòng nhập họ tên để tham gia.");

  const guestId = guest ? guestUserId(req.cookies.get(GUEST_COOKIE)?.value) : null;
  const displayName = guest ? `${body.data.guestName} (khách)` : user!.name;
  const { token, expiresInSeconds } = await issueJoinToken(event, access, { userId: guestId?.userId ?? user!.id, displayName });
  const response = NextResponse.json<TJoinTokenResponse>({
    token,
    mediaServerUrl: getConfig().MEDIA_SERVER_URL,
    role: access.role,
    displayName,
    expiresInSeconds,
  });
  response.headers.set("Cache-Control", "no-store");
  if (guestId?.newCookie) {
    response.cookies.set(GUEST_COOKIE, guestId.newCookie, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 7 * 24 * 3600 });
  }
  return response;
}

import { prisma } from "@diemcau/db";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { parseInput } from "@/lib/api/parse-input";
import { catchAppError, readJson } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors/app-error";
import { GUEST_COOKIE, guestCookieOptions, issueGuestId, readGuestId } from "@/lib/meetings/guest-identity";
import { issueJoinToken } from "@/lib/meetings/issue-join-token";
import type { TJoinTokenResponse } from "@/lib/meetings/join-token-response";
import { takeJoinToken } from "@/lib/meetings/join-token-rate-limit";
import { recordInviteAdmission } from "@/lib/meetings/manage-invites";
import { resolveMeetingAccess } from "@/lib/meetings/resolve-meeting-access";
import { requestClientAddress } from "@/lib/security/request-client-address";

export const dynamic = "force-dynamic";

const ZTokenRequestSchema = z
  .object({
    invite: z.string().min(1).max(2048).optional(),
    guestName: z.string().trim().min(1).max(80).optional(),
  })
  .strict();

/** Issues a two-minute join token for the media server to whoever may enter this event now. */
export async function POST(req: NextRequest, { params }: { params: Promise<{ eventId: string }> }): Promise<Response> {
  return catchAppError(async () => {
    const { eventId } = await params;
    const body = parseInput(ZTokenRequestSchema, await readJson(req));
    const user = await getCurrentUser();
    if (!user && !body.invite) throw new AppError("AUTH_REQUIRED", "Vui lòng đăng nhập để tham gia cuộc họp.", 401);
    const config = getConfig();
    // A guest's identity is only an id this server signed; anything else gets a new one.
    const signedGuestId = user ? null : readGuestId(req.cookies.get(GUEST_COOKIE)?.value, config.AUTH_SECRET);
    await takeJoinToken(user?.id ?? signedGuestId ?? `address:${requestClientAddress(req.headers)}`, config.JOIN_TOKENS_PER_MINUTE);

    const invite = body.invite ? { token: body.invite, secret: config.AUTH_SECRET, guestId: signedGuestId } : null;
    const { event, access, guest } = await resolveMeetingAccess(prisma, eventId, user, invite);
    if (!event || !access.ok) {
      const refusal = access.ok ? { code: "MEETING_NOT_FOUND", message: "Không tìm thấy cuộc họp này." } : access;
      throw new AppError(refusal.code, refusal.message, refusal.code === "MEETING_NOT_FOUND" ? 404 : 403);
    }
    if (guest && !body.guestName) throw new AppError("GUEST_NAME_REQUIRED", "Vui lòng nhập họ tên để tham gia.", 400, "guestName");

    const newGuest = guest && !signedGuestId ? issueGuestId(config.AUTH_SECRET) : null;
    const userId = user?.id ?? signedGuestId ?? newGuest!.userId;
    if (access.inviteId) await recordInviteAdmission(prisma, access.inviteId, userId);
    const displayName = guest ? `${body.guestName} (khách)` : user!.name;
    const { token, expiresInSeconds, mediaServerUrl } = await issueJoinToken(event, access, { userId, displayName });
    const response = NextResponse.json<TJoinTokenResponse>({
      token,
      mediaServerUrl,
      role: access.role,
      displayName,
      expiresInSeconds,
    });
    response.headers.set("Cache-Control", "no-store");
    const secure = req.nextUrl.protocol === "https:" || config.NEXTAUTH_URL?.startsWith("https:") === true;
    if (newGuest) response.cookies.set(GUEST_COOKIE, newGuest.cookie, guestCookieOptions(secure));
    return response;
  });
}

import { prisma } from "@diemcau/db";
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiError } from "@/lib/api/api-error";
import { withRole } from "@/lib/auth/with-role";
import { getConfig } from "@/lib/config";
import { DEFAULT_INVITE_TTL_HOURS, MAX_INVITE_TTL_HOURS, signInvite } from "@/lib/meetings/invite-link";
import { resolveMeetingAccess } from "@/lib/meetings/resolve-meeting-access";

export const dynamic = "force-dynamic";

const ZInviteRequestSchema = z.object({ ttlHours: z.number().positive().max(MAX_INVITE_TTL_HOURS).optional() }).strict();

/** The meeting's host creates a guest invite link (valid 24 hours unless asked otherwise). */
export const POST = withRole<{ params: Promise<{ eventId: string }> }>(
  ["ADMIN", "STAFF", "TEACHER"],
  async (req, { params, user }) => {
    const { eventId } = await params;
    const body = ZInviteRequestSchema.safeParse(await req.json().catch(() => ({})));
    if (!body.success) return apiError(400, "BAD_REQUEST", "Yêu cầu không hợp lệ.");
    const { access } = await resolveMeetingAccess(prisma, eventId, user, null);
    if (!access.ok) return apiError(access.code === "MEETING_NOT_FOUND" ? 404 : 403, access.code, access.message);
    if (access.role !== "HOST") return apiError(403, "MEETING_HOST_ONLY", "Chỉ người chủ trì mới tạo được đường dẫn mời.");

    const ttlHours = body.data.ttlHours ?? DEFAULT_INVITE_TTL_HOURS;
    const invite = await signInvite(eventId, user.id, getConfig().AUTH_SECRET, ttlHours);
    const url = new URL(`/phong/${encodeURIComponent(eventId)}`, req.nextUrl.origin);
    url.searchParams.set("moi", invite);
    return NextResponse.json({ url: url.toString(), expiresAt: new Date(Date.now() + ttlHours * 3600_000).toISOString() });
  },
);

import { prisma } from "@diemcau/db";
import { z } from "zod";
import { parseInput } from "@/lib/api/parse-input";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { getConfig } from "@/lib/config";
import { DEFAULT_INVITE_TTL_HOURS, MAX_INVITE_TTL_HOURS } from "@/lib/meetings/invite-link";
import { createInvite, listOpenInvites } from "@/lib/meetings/manage-invites";
import { requireMeetingHost } from "@/lib/meetings/require-meeting-host";

export const dynamic = "force-dynamic";

const ZInviteRequestSchema = z.object({ ttlHours: z.number().positive().max(MAX_INVITE_TTL_HOURS).optional() }).strict();
type TParams = { params: Promise<{ eventId: string }> };

/** The host's open invite links (to see and revoke). */
export const GET = withRole<TParams>(["ADMIN", "STAFF", "TEACHER"], async (_req, { params, user }) =>
  toApiResponse(async () => {
    const { eventId } = await params;
    await requireMeetingHost(prisma, eventId, user);
    return { invites: await listOpenInvites(prisma, eventId) };
  }),
);

/** The meeting's host creates a guest invite link (valid 24 hours unless asked otherwise). */
export const POST = withRole<TParams>(["ADMIN", "STAFF", "TEACHER"], async (req, { params, user }) =>
  toApiResponse(async () => {
    const { eventId } = await params;
    const { ttlHours } = parseInput(ZInviteRequestSchema, await readJson(req));
    await requireMeetingHost(prisma, eventId, user);
    const invite = await createInvite(prisma, eventId, user.id, getConfig().AUTH_SECRET, ttlHours ?? DEFAULT_INVITE_TTL_HOURS);
    const url = new URL(`/phong/${encodeURIComponent(eventId)}`, req.nextUrl.origin);
    url.searchParams.set("moi", invite.token);
    return { id: invite.id, url: url.toString(), expiresAt: invite.expiresAt.toISOString() };
  }, 201),
);

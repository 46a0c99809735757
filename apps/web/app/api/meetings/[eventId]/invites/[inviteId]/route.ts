import { prisma } from "@diemcau/db";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { revokeInvite } from "@/lib/meetings/manage-invites";
import { requireMeetingHost } from "@/lib/meetings/require-meeting-host";

export const dynamic = "force-dynamic";

/** The host revokes one invite link. */
export const DELETE = withRole<{ params: Promise<{ eventId: string; inviteId: string }> }>(
  ["ADMIN", "STAFF", "TEACHER"],
  async (_req, { params, user }) =>
    toApiResponse(async () => {
      const { eventId, inviteId } = await params;
      await requireMeetingHost(prisma, eventId, user);
      await revokeInvite(prisma, eventId, inviteId);
      return { revoked: inviteId };
    }),
);

import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { markNotificationsRead } from "@/lib/schedule/notifications";
import { toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

/** Marks every unread schedule notice of the signed-in user as read. */
export const POST = withRole(["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT"], async (_req, { user }) =>
  toApiResponse(async () => ({ marked: await markNotificationsRead(prisma, user.id) })),
);

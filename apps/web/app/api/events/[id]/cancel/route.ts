import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { cancelEvent } from "@/lib/schedule/cancel-event";
import { toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Cancels an event (staff: any; teachers: their own lessons); participants are notified. */
export const POST = withRole<TContext>(["ADMIN", "STAFF", "TEACHER"], async (_req, { params, user }) =>
  toApiResponse(async () => cancelEvent(prisma, (await params).id, user)),
);

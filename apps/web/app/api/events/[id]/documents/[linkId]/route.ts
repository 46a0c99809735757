import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { toApiResponse } from "@/lib/api/to-api-response";
import { unlinkDocument } from "@/lib/documents/link-document";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string; linkId: string }> };

export const DELETE = withRole<TContext>(["ADMIN", "STAFF", "TEACHER"], async (_req, { params, user }) =>
  toApiResponse(async () => {
    const { id, linkId } = await params;
    return unlinkDocument(prisma, { eventId: id }, user, linkId);
  }),
);

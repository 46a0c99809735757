import { prisma } from "@diemcau/db";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { revokeServiceToken } from "@/lib/service-tokens/service-tokens";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Revokes a service token: the statistics API refuses it from now on. */
export const DELETE = withRole<TContext>(["ADMIN"], async (_req, { params, user }) =>
  toApiResponse(async () => {
    await revokeServiceToken(prisma, user.id, (await params).id);
    return { revoked: true };
  }),
);

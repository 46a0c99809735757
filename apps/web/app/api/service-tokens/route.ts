import { prisma } from "@diemcau/db";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { createServiceToken } from "@/lib/service-tokens/service-tokens";

export const dynamic = "force-dynamic";

/** An administrator makes a read-only service token; the answer holds the token, shown this once. */
export const POST = withRole(["ADMIN"], async (req, { user }) => toApiResponse(async () => createServiceToken(prisma, user.id, await readJson(req)), 201));

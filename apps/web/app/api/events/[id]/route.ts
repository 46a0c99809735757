import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { updateConference } from "@/lib/schedule/update-conference";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Edits a conference; participants are notified. */
export const PATCH = withRole<TContext>(["ADMIN", "STAFF"], async (req, { params, user }) =>
  toApiResponse(async () => updateConference(prisma, (await params).id, user.id, await readJson(req))),
);

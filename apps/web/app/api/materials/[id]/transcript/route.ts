import { prisma } from "@diemcau/db";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { correctTranscript } from "@/lib/transcript/correct-transcript";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Corrections of transcript lines, checked against the timeline version they were made on. */
export const PATCH = withRole<TContext>(["ADMIN", "STAFF", "TEACHER"], async (request, { params, user }) => {
  const { id } = await params;
  return toApiResponse(async () => correctTranscript(prisma, id, user, await readJson(request)));
});

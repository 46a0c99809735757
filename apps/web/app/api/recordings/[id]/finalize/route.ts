import { prisma } from "@diemcau/db";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { retryFinalize } from "@/lib/recordings/retry-finalize";

export const dynamic = "force-dynamic";

/** Staff retry the finalize of a FAILED recording. */
export const POST = withRole<{ params: Promise<{ id: string }> }>(["ADMIN", "STAFF"], async (_request, { params }) =>
  toApiResponse(async () => retryFinalize(prisma, (await params).id, (recordingId) => enqueueJob("recording.finalize", { recordingId })), 202),
);

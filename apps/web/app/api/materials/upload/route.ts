import { prisma } from "@diemcau/db";
import { getConfig } from "@/lib/config";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { uploadMaterial } from "@/lib/materials/upload-material";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

/** A teacher's (or staff's) video file as a new material; the body is the raw file. */
export const POST = withRole(["TEACHER", "STAFF", "ADMIN"], async (request, { user }) =>
  toApiResponse(
    () =>
      uploadMaterial(request, user, {
        db: prisma,
        storage: getMediaStorage().local,
        maxBytes: getConfig().UPLOAD_MAX_BYTES,
        quotaBytes: getConfig().UPLOAD_QUOTA_BYTES,
        diskReserveBytes: getConfig().UPLOAD_DISK_RESERVE_BYTES,
        enqueueFinalize: (job) => enqueueJob("recording.finalize", job),
      }),
    201,
  ),
);

import { prisma } from "@diemcau/db";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { readLimitedBody } from "@/lib/api/read-limited-body";
import { attachDocument, attachmentTooLarge, MAX_ATTACHMENT_BYTES } from "@/lib/materials/attach-document";
import { AppError } from "@/lib/errors/app-error";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Attaches a PDF to a material (its editors); its text becomes searchable once the worker has read it. */
export const POST = withRole<TContext>(["ADMIN", "STAFF", "TEACHER"], async (request, { params, user }) => {
  const { id } = await params;
  return toApiResponse(async () => {
    // Read no further than the limit (plus the form's own few lines), whatever the client claims.
    const body = await readLimitedBody(request, MAX_ATTACHMENT_BYTES + 64 * 1024, () => attachmentTooLarge());
    const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData().catch(() => {
      throw new AppError("ATTACHMENT_EMPTY", "Chưa chọn tệp PDF.", 400, "file");
    });
    return attachDocument(
      { db: prisma, storage: getMediaStorage().media, enqueueExtract: (job) => enqueueJob("material.extract-attachment", job) },
      id,
      user,
      form,
    );
  }, 201);
});

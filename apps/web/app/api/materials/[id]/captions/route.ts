import { prisma } from "@diemcau/db";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { uploadCaptions } from "@/lib/transcript/upload-captions";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** A WebVTT or SRT file (the raw body) as the material's uploaded captions. */
export const POST = withRole<TContext>(["ADMIN", "STAFF", "TEACHER"], async (request, { params, user }) => {
  const { id } = await params;
  return toApiResponse(() => uploadCaptions(prisma, id, user, request));
});

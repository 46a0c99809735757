import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { importRoster, ROSTER_MAX_BYTES, rosterTooLarge } from "@/lib/courses/import-roster";
import { AppError } from "@/lib/errors/app-error";
import { readLimitedBody } from "@/lib/api/read-limited-body";
import { toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

// Multipart framing around the file; a body beyond file limit + this is refused, chunked or not, before it is all read.
const MULTIPART_SLACK_BYTES = 16 * 1024;

/** Imports a CSV roster (multipart field "file"): every student or none. */
export const POST = withRole<TContext>(["TEACHER"], async (req, { params, user }) =>
  toApiResponse(async () => {
    const limit = ROSTER_MAX_BYTES + MULTIPART_SLACK_BYTES;
    const body = await readLimitedBody(req, limit, () => rosterTooLarge(Number(req.headers.get("content-length")) || limit + 1));
    const form = await new Response(body, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File) || file.size === 0) {
      throw new AppError("ROSTER_MISSING", "Vui lòng chọn tệp CSV danh sách học sinh.", 400, "file");
    }
    if (file.size > ROSTER_MAX_BYTES) throw rosterTooLarge(file.size);
    return importRoster(prisma, (await params).id, user.id, new Uint8Array(await file.arrayBuffer()));
  }),
);

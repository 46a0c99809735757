import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { importRoster, ROSTER_MAX_BYTES, rosterTooLarge } from "@/lib/courses/import-roster";
import { AppError } from "@/lib/errors/app-error";
import { declaredOrOver, MULTIPART_SLACK_BYTES, readLimitedForm } from "@/lib/api/read-limited-form";
import { toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Imports a roster, CSV or XLSX (multipart field "file"): every student or none. */
export const POST = withRole<TContext>(["TEACHER"], async (req, { params, user }) =>
  toApiResponse(async () => {
    const limit = ROSTER_MAX_BYTES + MULTIPART_SLACK_BYTES;
    const form = await readLimitedForm(req, limit, () => rosterTooLarge(declaredOrOver(req, limit)));
    const file = form?.get("file");
    if (!(file instanceof File) || file.size === 0) {
      throw new AppError("ROSTER_MISSING", "Vui lòng chọn tệp danh sách học sinh (CSV hoặc Excel).", 400, "file");
    }
    return importRoster(prisma, (await params).id, user.id, new Uint8Array(await file.arrayBuffer()));
  }),
);

import { prisma } from "@diemcau/db";
import { ACCOUNT_MANAGER_ROLES } from "@/lib/accounts/account-scope";
import { ACCOUNT_IMPORT_MAX_BYTES, accountImportTooLarge, importAccounts } from "@/lib/accounts/import-accounts";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { temporaryPasswordsXlsx } from "@/lib/accounts/temporary-passwords-xlsx";
import { declaredOrOver, MULTIPART_SLACK_BYTES, readLimitedForm } from "@/lib/api/read-limited-form";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { AppError } from "@/lib/errors/app-error";
import { formatDate } from "@diemcau/calendar/display-date";

export const dynamic = "force-dynamic";

/**
 * Imports teachers and students (multipart: "file" CSV or XLSX; "role", "districtId", "school"
 * for rows that do not say). Answers the counts and, when accounts were created, the XLSX of their
 * temporary passwords (base64) for the school to hand out; it is not kept anywhere.
 */
export const POST = withRole(ACCOUNT_MANAGER_ROLES, async (req, { user }) =>
  toApiResponse(async () => {
    const limit = ACCOUNT_IMPORT_MAX_BYTES + MULTIPART_SLACK_BYTES;
    const form = await readLimitedForm(req, limit, () => accountImportTooLarge(declaredOrOver(req, limit)));
    const file = form?.get("file");
    if (!(file instanceof File) || file.size === 0) {
      throw new AppError("ACCOUNT_IMPORT_MISSING", "Vui lòng chọn tệp danh sách (CSV hoặc Excel).", 400, "file");
    }
    const options = { role: form!.get("role"), districtId: form!.get("districtId"), school: form!.get("school") };
    const actor = await loadAccountActor(prisma, user);
    const result = await importAccounts(prisma, actor, new Uint8Array(await file.arrayBuffer()), options);
    const passwords =
      result.passwords.length > 0
        ? { name: `mat-khau-tam-${formatDate(new Date()).split("/").reverse().join("-")}.xlsx`, base64: (await temporaryPasswordsXlsx(result.passwords)).toString("base64") }
        : null;
    return { created: result.created, updated: result.updated, unchanged: result.unchanged, passwords };
  }),
);

import type { Db } from "@diemcau/db";
import { AppError } from "../errors/app-error";
import { findOwnCourse } from "./find-own-course";
import { parseRosterCsv, type TRosterProblem } from "./parse-roster-csv";

/** A roster of a few thousand students is well under this; anything bigger is a wrong file. */
export const ROSTER_MAX_BYTES = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

export function rosterTooLarge(bytes: number): AppError {
  return new AppError(
    "ROSTER_TOO_LARGE",
    `Tệp danh sách quá lớn (${megabytes(bytes)}). Dung lượng tối đa là ${megabytes(ROSTER_MAX_BYTES)}.`,
    413,
    "file",
  );
}

function refuse(problems: TRosterProblem[]): AppError {
  const details = problems.sort((a, b) => a.line - b.line).map((p) => `Dòng ${p.line}: ${p.message}`);
  const shown = details.slice(0, 5).join(" ");
  const more = details.length > 5 ? ` … và ${details.length - 5} lỗi khác.` : "";
  return new AppError(
    "ROSTER_INVALID",
    `Chưa nhập danh sách vì có ${details.length} dòng lỗi; không học sinh nào được thêm. ${shown}${more}`,
    400,
    "file",
    details,
  );
}

/**
 * Enrolls every student of a CSV roster, or none: any bad row, unknown email or account that is
 * not a student refuses the whole file with the line numbers. Students already in the class are kept.
 */
export async function importRoster(db: Db, courseId: string, teacherId: string, file: Uint8Array) {
  if (file.byteLength > ROSTER_MAX_BYTES) throw rosterTooLarge(file.byteLength);
  await findOwnCourse(db, courseId, teacherId);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file);
  } catch {
    throw new AppError("ROSTER_ENCODING", "Tệp không phải văn bản UTF-8. Hãy lưu lại dưới dạng “CSV UTF-8”.", 400, "file");
  }
  const { rows, problems } = parseRosterCsv(text);

  return db.$transaction(async (tx) => {
    const users = await tx.user.findMany({
      where: { email: { in: rows.map((r) => r.email) } },
      select: { id: true, email: true, role: true },
    });
    const byEmail = new Map(users.map((u) => [u.email, u]));
    for (const row of rows) {
      const user = byEmail.get(row.email);
      if (!user) problems.push({ line: row.line, message: `không có học sinh nào với email ${row.email}${row.name ? ` (${row.name})` : ""}.` });
      else if (user.role !== "STUDENT") problems.push({ line: row.line, message: `tài khoản ${row.email} không phải là tài khoản học sinh.` });
    }
    if (problems.length > 0) throw refuse(problems);

    const { count } = await tx.enrollment.createMany({
      data: rows.map((row) => ({ courseId, userId: byEmail.get(row.email)!.id })),
      skipDuplicates: true,
    });
    return { added: count, alreadyEnrolled: rows.length - count };
  });
}

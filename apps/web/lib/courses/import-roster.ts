import type { Db } from "@diemcau/db";
import { AppError } from "../errors/app-error";
import { findOwnCourse } from "./find-own-course";
import { readTableFile } from "../spreadsheets/read-table";
import { listFileTooLarge, refuseRows } from "../spreadsheets/list-file-refusals";
import { parseRoster, type TRosterRow } from "./parse-roster";

/** A roster of a few thousand students is well under this; anything bigger is a wrong file. */
export const ROSTER_MAX_BYTES = 1024 * 1024;

export function rosterTooLarge(bytes: number): AppError {
  return listFileTooLarge("ROSTER_TOO_LARGE", bytes, ROSTER_MAX_BYTES);
}

/** A roster row's student as the refusal names them: "email x (Name)" or "mã định danh y". */
function describeRow(row: TRosterRow): string {
  const who = row.email ? `email ${row.email}` : `mã định danh ${row.studentCode}`;
  return row.name ? `${who} (${row.name})` : who;
}

/**
 * Enrolls every student of a roster (CSV or XLSX), found by email or mã định danh, or none: any
 * bad row, unknown student, account that is not a student, or email and mã định danh naming two
 * different students refuses the whole file with the line numbers. Students already in the class
 * are kept.
 */
export async function importRoster(db: Db, courseId: string, teacherId: string, file: Uint8Array) {
  if (file.byteLength > ROSTER_MAX_BYTES) throw rosterTooLarge(file.byteLength);
  await findOwnCourse(db, courseId, teacherId);
  const { rows, problems } = parseRoster(await readTableFile(file));

  return db.$transaction(async (tx) => {
    const emails = rows.flatMap((r) => (r.email ? [r.email] : []));
    const codes = rows.flatMap((r) => (r.studentCode ? [r.studentCode] : []));
    const users = await tx.user.findMany({
      where: { OR: [{ email: { in: emails } }, { studentCode: { in: codes } }] },
      select: { id: true, email: true, studentCode: true, role: true },
    });
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const byCode = new Map(users.flatMap((u) => (u.studentCode ? [[u.studentCode, u] as const] : [])));
    const studentIds = new Map<number, string>();
    for (const row of rows) {
      const fromEmail = row.email ? byEmail.get(row.email) : undefined;
      const fromCode = row.studentCode ? byCode.get(row.studentCode) : undefined;
      const user = fromEmail ?? fromCode;
      if ((row.email && !fromEmail) || (row.studentCode && !fromCode)) {
        problems.push({ line: row.line, message: `không có học sinh nào với ${describeRow(row)}.` });
      } else if (fromEmail && fromCode && fromEmail.id !== fromCode.id) {
        problems.push({ line: row.line, message: `email ${row.email} và mã định danh ${row.studentCode} là của hai tài khoản khác nhau.` });
      } else if (user!.role !== "STUDENT") {
        problems.push({ line: row.line, message: `tài khoản ${user!.email} không phải là tài khoản học sinh.` });
      } else studentIds.set(row.line, user!.id);
    }
    if (problems.length > 0) throw refuseRows("ROSTER_INVALID", (count) => `Chưa nhập danh sách vì có ${count} dòng lỗi; không học sinh nào được thêm.`, problems);

    const { count } = await tx.enrollment.createMany({
      data: rows.map((row) => ({ courseId, userId: studentIds.get(row.line)! })),
      skipDuplicates: true,
    });
    return { added: count, alreadyEnrolled: rows.length - count };
  });
}

import { DISTRICT_COLUMN, EMAIL_COLUMN, NAME_COLUMN, ROLE_COLUMN, SCHOOL_COLUMN, STUDENT_CODE_COLUMN } from "../spreadsheets/column-names";
import type { TRowProblem } from "../spreadsheets/list-file-refusals";
import { findColumn, headerKey, type TTable } from "../spreadsheets/read-table";
import { isStudentCode, normalizeStudentCode } from "./student-code";

// A list of teachers and students to import: a header row with a name column and an email or
// mã định danh column, optionally a role, school and district column, then one person per row.

export const IMPORTED_ROLES = ["TEACHER", "STUDENT"] as const;
export type TImportedRole = (typeof IMPORTED_ROLES)[number];

export interface TAccountRow {
  line: number;
  name: string | null;
  email: string | null;
  studentCode: string | null;
  /** Null: the role chosen on the import form. */
  role: TImportedRole | null;
  school: string | null;
  /** The district as written (matched to a district later); null: the one chosen on the form. */
  district: string | null;
}

const ROLE_VALUES: Record<string, TImportedRole> = {
  "giao vien": "TEACHER",
  gv: "TEACHER",
  teacher: "TEACHER",
  "hoc sinh": "STUDENT",
  hs: "STUDENT",
  student: "STUDENT",
};
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_NAME_LENGTH = 120;

export function parseAccountSheet({ header, body }: TTable): { rows: TAccountRow[]; problems: TRowProblem[] } {
  if (!header) return { rows: [], problems: [{ line: 1, message: "Tệp trống: cần một dòng tiêu đề có cột họ tên và email hoặc mã định danh." }] };
  const column = (names: readonly string[]) => findColumn(header.fields, names);
  const columns = {
    name: column(NAME_COLUMN),
    email: column(EMAIL_COLUMN),
    studentCode: column(STUDENT_CODE_COLUMN),
    role: column(ROLE_COLUMN),
    school: column(SCHOOL_COLUMN),
    district: column(DISTRICT_COLUMN),
  };
  if (columns.email < 0 && columns.studentCode < 0) {
    return { rows: [], problems: [{ line: header.line, message: "Dòng tiêu đề thiếu cột “email” hoặc “mã định danh”." }] };
  }
  if (body.length === 0) return { rows: [], problems: [{ line: header.line, message: "Tệp không có tài khoản nào sau dòng tiêu đề." }] };

  const rows: TAccountRow[] = [];
  const problems: TRowProblem[] = [];
  const seenEmails = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  for (const record of body) {
    const cell = (index: number) => (index >= 0 ? (record.fields[index] ?? "").trim() : "");
    const email = cell(columns.email).toLowerCase() || null;
    const studentCode = normalizeStudentCode(cell(columns.studentCode)) || null;
    const roleText = cell(columns.role);
    const role = roleText ? ROLE_VALUES[headerKey(roleText)] : null;
    const problem = (message: string) => problems.push({ line: record.line, message });
    if (record.fields.length !== header.fields.length) problem(`có ${record.fields.length} cột, dòng tiêu đề có ${header.fields.length} cột.`);
    else if (!email && !studentCode) problem("thiếu email và mã định danh.");
    else if (email && !EMAIL_RE.test(email)) problem(`email “${email}” không hợp lệ.`);
    else if (studentCode && !isStudentCode(studentCode)) problem(`mã định danh “${studentCode}” không hợp lệ.`);
    else if (role === undefined) problem(`vai trò “${roleText}” không hợp lệ (chỉ nhận “giáo viên” hoặc “học sinh”).`);
    else if (cell(columns.name).length > MAX_NAME_LENGTH) problem(`họ tên dài quá ${MAX_NAME_LENGTH} ký tự.`);
    else if (email && seenEmails.has(email)) problem(`email ${email} trùng với dòng ${seenEmails.get(email)}.`);
    else if (studentCode && seenCodes.has(studentCode)) problem(`mã định danh ${studentCode} trùng với dòng ${seenCodes.get(studentCode)}.`);
    else {
      if (email) seenEmails.set(email, record.line);
      if (studentCode) seenCodes.set(studentCode, record.line);
      rows.push({
        line: record.line,
        name: cell(columns.name) || null,
        email,
        studentCode,
        role,
        school: cell(columns.school).slice(0, 200) || null,
        district: cell(columns.district) || null,
      });
    }
  }
  return { rows, problems };
}

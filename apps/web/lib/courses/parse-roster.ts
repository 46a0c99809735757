import { isStudentCode, normalizeStudentCode } from "../accounts/student-code";
import { EMAIL_COLUMN, NAME_COLUMN, STUDENT_CODE_COLUMN } from "../spreadsheets/column-names";
import type { TRowProblem } from "../spreadsheets/list-file-refusals";
import { findColumn, type TTable } from "../spreadsheets/read-table";

// A class roster: a header row naming an email column, a mã định danh column or both (and
// optionally a name column), then one student per row, found by either.

export interface TRosterRow {
  /** 1-based line of the file where the row starts, as a spreadsheet user would count. */
  line: number;
  email: string | null;
  studentCode: string | null;
  name: string | null;
}

export interface TParsedRoster {
  rows: TRosterRow[];
  problems: TRowProblem[];
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseRoster({ header, body }: TTable): TParsedRoster {
  if (!header) return { rows: [], problems: [{ line: 1, message: "Tệp trống: cần một dòng tiêu đề có cột email hoặc mã định danh." }] };
  const emailColumn = findColumn(header.fields, EMAIL_COLUMN);
  const codeColumn = findColumn(header.fields, STUDENT_CODE_COLUMN);
  const nameColumn = findColumn(header.fields, NAME_COLUMN);
  if (emailColumn < 0 && codeColumn < 0) {
    return { rows: [], problems: [{ line: header.line, message: "Dòng tiêu đề thiếu cột “email” hoặc “mã định danh”." }] };
  }
  if (body.length === 0) return { rows: [], problems: [{ line: header.line, message: "Tệp không có học sinh nào sau dòng tiêu đề." }] };
  const missing = emailColumn < 0 ? "thiếu mã định danh." : codeColumn < 0 ? "thiếu email." : "thiếu email và mã định danh.";

  const rows: TRosterRow[] = [];
  const problems: TRowProblem[] = [];
  const seenEmails = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  for (const record of body) {
    const email = emailColumn >= 0 ? (record.fields[emailColumn] ?? "").trim().toLowerCase() || null : null;
    const studentCode = codeColumn >= 0 ? normalizeStudentCode(record.fields[codeColumn] ?? "") || null : null;
    const name = nameColumn >= 0 ? (record.fields[nameColumn] ?? "").trim() || null : null;
    const problem = (message: string) => problems.push({ line: record.line, message });
    if (record.fields.length !== header.fields.length) problem(`có ${record.fields.length} cột, dòng tiêu đề có ${header.fields.length} cột.`);
    else if (!email && !studentCode) problem(missing);
    else if (email && !EMAIL_RE.test(email)) problem(`email “${email}” không hợp lệ.`);
    else if (studentCode && !isStudentCode(studentCode)) problem(`mã định danh “${studentCode}” không hợp lệ.`);
    else if (email && seenEmails.has(email)) problem(`email ${email} trùng với dòng ${seenEmails.get(email)}.`);
    else if (studentCode && seenCodes.has(studentCode)) problem(`mã định danh ${studentCode} trùng với dòng ${seenCodes.get(studentCode)}.`);
    else {
      if (email) seenEmails.set(email, record.line);
      if (studentCode) seenCodes.set(studentCode, record.line);
      rows.push({ line: record.line, email, studentCode, name });
    }
  }
  return { rows, problems };
}

import { z } from "zod";

// Mã định danh: the identifier the education sector's database gives each student (today the
// 12-digit personal identification number; older rosters carry shorter school codes). Stored
// upper case without spaces, so "hs 0451" and "HS0451" are the same student.
const STUDENT_CODE_RE = /^[0-9A-Z]{4,20}$/;

export function normalizeStudentCode(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

export function isStudentCode(code: string): boolean {
  return STUDENT_CODE_RE.test(code);
}

/** A form or API field: empty means none. */
export const ZOptionalStudentCodeSchema = z
  .string()
  .max(40)
  .transform(normalizeStudentCode)
  .refine((code) => code === "" || isStudentCode(code), "Mã định danh gồm 4–20 chữ số hoặc chữ cái.")
  .transform((code) => code || null);

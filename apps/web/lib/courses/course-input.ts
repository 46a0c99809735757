import { z } from "zod";
import { isStudentCode, normalizeStudentCode } from "../accounts/student-code";

/** The new-class form. School year "2026-2027": two consecutive years. */
export const ZCourseInputSchema = z.object({
  name: z.string().trim().min(1, "Vui lòng nhập tên lớp.").max(100, "Tên lớp tối đa 100 ký tự."),
  subject: z.string().trim().min(1, "Vui lòng nhập môn học.").max(100, "Tên môn học tối đa 100 ký tự."),
  grade: z.coerce.number().int("Khối lớp phải là số nguyên từ 1 đến 12.").min(1, "Khối lớp phải từ 1 đến 12.").max(12, "Khối lớp phải từ 1 đến 12."),
  schoolYear: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{4}$/, "Năm học phải có dạng 2026-2027.")
    .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, "Năm học phải gồm hai năm liên tiếp, ví dụ 2026-2027."),
  school: z.string().trim().max(200).default(""),
});
export type TCourseInput = z.input<typeof ZCourseInputSchema>;

/** One student, by email or by mã định danh (anything without "@"). */
export const ZAddStudentInputSchema = z.object({
  student: z
    .string()
    .trim()
    .min(1, "Vui lòng nhập email hoặc mã định danh của học sinh.")
    .max(254)
    .transform((value, ctx) => {
      if (value.includes("@")) {
        const email = value.toLowerCase();
        if (!z.email().safeParse(email).success) ctx.addIssue({ code: "custom", message: "Email không hợp lệ." });
        return { email };
      }
      const studentCode = normalizeStudentCode(value);
      if (!isStudentCode(studentCode)) ctx.addIssue({ code: "custom", message: "Mã định danh gồm 4–20 chữ số hoặc chữ cái." });
      return { studentCode };
    }),
});

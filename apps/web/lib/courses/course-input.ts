import { z } from "zod";

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

export const ZAddStudentInputSchema = z.object({
  email: z.string().trim().toLowerCase().email("Email không hợp lệ."),
});

import { z } from "zod";

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The weekly-lessons form: local dates "yyyy-MM-dd", start "HH:mm", ISO weekdays 1 (Mon) … 7 (Sun). */
export const ZLessonSeriesInputSchema = z.object({
  title: z.string().max(200, "Tiêu đề tối đa 200 ký tự."),
  description: z.string().max(5000, "Mô tả tối đa 5000 ký tự.").default(""),
  weekdays: z.array(z.coerce.number().int().min(1).max(7)).max(7).default([]),
  firstDate: z.string().regex(LOCAL_DATE, "Ngày bắt đầu không hợp lệ."),
  lastDate: z.string().regex(LOCAL_DATE, "Ngày kết thúc không hợp lệ."),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Giờ bắt đầu không hợp lệ."),
  durationMinutes: z.coerce
    .number()
    .int("Thời lượng phải là số phút.")
    .min(15, "Mỗi buổi học dài ít nhất 15 phút.")
    .max(300, "Mỗi buổi học dài tối đa 300 phút."),
  exceptionDates: z.array(z.string().regex(LOCAL_DATE, "Ngày nghỉ không hợp lệ.")).max(200).default([]),
  record: z.boolean().default(false),
});
export type TLessonSeriesInput = z.input<typeof ZLessonSeriesInputSchema>;

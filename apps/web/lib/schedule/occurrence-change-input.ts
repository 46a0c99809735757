import { z } from "zod";

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One lesson of a series (by its usual start, ISO) cancelled, or moved to a local date and time. */
export const ZOccurrenceChangeSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("cancel"), originalStartsAt: z.iso.datetime() }),
  z.object({
    action: z.literal("move"),
    originalStartsAt: z.iso.datetime(),
    date: z.string().regex(LOCAL_DATE, "Ngày không hợp lệ."),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Giờ bắt đầu không hợp lệ."),
    durationMinutes: z.coerce.number().int().min(15, "Mỗi buổi học dài ít nhất 15 phút.").max(300, "Mỗi buổi học dài tối đa 300 phút."),
  }),
]);
export type TOccurrenceChange = z.input<typeof ZOccurrenceChangeSchema>;

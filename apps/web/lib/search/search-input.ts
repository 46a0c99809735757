import type { TSearchFilters } from "@diemcau/search";
import { z } from "zod";
import { addLocalDays, zonedInputToUtc } from "@diemcau/calendar/time-zone";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);
const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày cần có dạng yyyy-mm-dd.")
  .optional()
  .or(z.literal("").transform(() => undefined));

/**
 * GET /api/search and the pages /tim-kiem and /hoc-lieu: what to look for (q; a query past
 * MAX_QUERY_CHARS is cut, not refused) and the library's filters. Dates are days in
 * Asia/Ho_Chi_Minh, both included.
 */
export const ZSearchQuerySchema = z.object({
  q: z.string().max(2000, "Câu tìm kiếm quá dài.").optional().default(""),
  subject: optionalText,
  grade: z.coerce.number().int().min(1).max(12).optional().or(z.literal("").transform(() => undefined)),
  district: optionalText,
  teacher: optionalText,
  from: optionalDate,
  to: optionalDate,
  kind: z.enum(["CONFERENCE", "CLASS"]).optional().or(z.literal("").transform(() => undefined)),
  sort: z.enum(["relevance", "newest", "views"]).optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(500).optional().default(1),
  /** 1 while the user is still typing: the last word is a prefix. */
  typing: z.enum(["0", "1"]).optional(),
});
export type TSearchQueryInput = z.output<typeof ZSearchQuerySchema>;

/** The filters of a parsed query as searchMaterials takes them (dates as instants). */
export function toSearchFilters(input: TSearchQueryInput): TSearchFilters {
  const to = input.to ? zonedInputToUtc(input.to, "00:00") : null;
  return {
    subject: input.subject,
    grade: input.grade,
    districtId: input.district,
    ownerId: input.teacher,
    from: input.from ? (zonedInputToUtc(input.from, "00:00") ?? undefined) : undefined,
    // "to" is a whole day: until the next midnight.
    to: to ? addLocalDays(to, 1) : undefined,
    kind: input.kind,
  };
}

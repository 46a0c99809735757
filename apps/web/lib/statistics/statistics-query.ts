import { z } from "zod";
import { fromWallDate, localDateKey, parseWallDate } from "@diemcau/calendar/time-zone";

/** The school year runs from 1 September to 31 August (the department's reporting year). */
export const SCHOOL_YEAR_START_MONTH = 9;
/** The longest from–to period one request may ask about. */
export const MAX_RANGE_DAYS = 731;

export const PERIOD_KINDS = ["week", "month", "school-year", "range"] as const;
export type TPeriodKind = (typeof PERIOD_KINDS)[number];

/** What a figure can be broken down by. */
export const GROUP_BYS = ["district", "bridgePoint", "school", "subject", "grade"] as const;
export type TGroupBy = (typeof GROUP_BYS)[number];

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng yyyy-MM-dd.").refine((d) => parseWallDate(d) !== null, "Ngày không tồn tại.");

/**
 * A statistics request, the same for the dashboard's search parameters and the API's query:
 * a period (the week, month or school year containing `date`, or `from`–`to`, both days
 * included), the breakdown, and optionally one district.
 */
export const ZStatisticsQuerySchema = z
  .object({
    period: z.enum(PERIOD_KINDS).default("school-year"),
    date: ZDay.optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
    groupBy: z.enum(GROUP_BYS).default("district"),
    districtId: z.string().min(1).max(64).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.period !== "range") return;
    if (!q.from || !q.to) {
      ctx.addIssue({ code: "custom", path: [q.from ? "to" : "from"], message: "Cần chọn cả ngày bắt đầu và ngày kết thúc." });
      return;
    }
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "Ngày kết thúc phải sau ngày bắt đầu." });
    if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `Khoảng thời gian dài nhất là ${MAX_RANGE_DAYS} ngày.` });
  });
export type TStatisticsQuery = z.output<typeof ZStatisticsQuerySchema>;
export type TStatisticsQueryInput = z.input<typeof ZStatisticsQuerySchema>;

/** How the trend is cut: by day for a week or a month, by month for longer periods. */
export type TBucket = "day" | "month";

export interface TPeriod {
  /** First instant of the period (midnight in Asia/Ho_Chi_Minh). */
  from: Date;
  /** First instant after it. */
  to: Date;
  /** Its first and last day, "yyyy-MM-dd". */
  firstDay: string;
  lastDay: string;
  bucket: TBucket;
}

const DAY_MS = 86_400_000;

function dayKey(wall: Date): string {
  return wall.toISOString().slice(0, 10);
}

/** The period a query asks about, in the department's zone. */
export function resolvePeriod(query: Pick<TStatisticsQuery, "period" | "date" | "from" | "to">, now: Date = new Date()): TPeriod {
  const reference = parseWallDate(query.date ?? localDateKey(now))!;
  const y = reference.getUTCFullYear();
  const m = reference.getUTCMonth();
  let first: Date;
  let after: Date;
  switch (query.period) {
    case "week": {
      const mondayBased = (reference.getUTCDay() + 6) % 7;
      first = new Date(Date.UTC(y, m, reference.getUTCDate() - mondayBased));
      after = new Date(first.getTime() + 7 * DAY_MS);
      break;
    }
    case "month":
      first = new Date(Date.UTC(y, m, 1));
      after = new Date(Date.UTC(y, m + 1, 1));
      break;
    case "school-year": {
      const startYear = m + 1 >= SCHOOL_YEAR_START_MONTH ? y : y - 1;
      first = new Date(Date.UTC(startYear, SCHOOL_YEAR_START_MONTH - 1, 1));
      after = new Date(Date.UTC(startYear + 1, SCHOOL_YEAR_START_MONTH - 1, 1));
      break;
    }
    case "range":
      first = parseWallDate(query.from!)!;
      after = new Date(parseWallDate(query.to!)!.getTime() + DAY_MS);
      break;
  }
  const days = (after.getTime() - first.getTime()) / DAY_MS;
  return {
    from: fromWallDate(first),
    to: fromWallDate(after),
    firstDay: dayKey(first),
    lastDay: dayKey(new Date(after.getTime() - DAY_MS)),
    bucket: days > 62 ? "month" : "day",
  };
}

import { z } from "zod";
import { GROUP_BYS, PERIOD_KINDS, ZStatisticsQuerySchema, type TStatisticsQuery } from "./statistics-query";
import type { TStatistics } from "./load-statistics";

// The IOC API's responses (GET /api/v1/thong-ke/...): every answer is parsed through these
// schemas before it leaves, and the OpenAPI document (openapi-document.ts) is generated from
// them, so the document cannot drift from what is served. Fields are only ever added.

/** The schemas the OpenAPI document names under components.schemas. */
export const API_SCHEMAS = z.registry<{ id: string; description?: string }>();

const count = z.number().int().min(0);
const amount = z.number().min(0);

export const ZStatisticsFiguresSchema = z
  .object({
    conferences: count.describe("Hội nghị đã diễn ra (buổi bắt đầu trong kỳ, không bị hủy)"),
    conferenceHours: amount.describe("Số giờ hội nghị theo lịch"),
    lessons: count.describe("Buổi học đã diễn ra"),
    lessonHours: amount.describe("Số giờ học theo lịch"),
    participants: count.describe("Lượt người tham dự (mỗi người mỗi buổi một lượt)"),
    personHours: amount.describe("Giờ-người có mặt trong phòng"),
    recordings: count.describe("Bản ghi hoàn tất"),
    recordedHours: amount.describe("Số giờ đã ghi"),
    materialsPublished: count.describe("Học liệu đã công bố, theo ngày tạo"),
    views: count.describe("Lượt xem (xem từ 30 giây, mỗi người mỗi học liệu mỗi ngày một lượt)"),
    watchMinutes: amount.describe("Số phút đã xem"),
  })
  .register(API_SCHEMAS, { id: "StatisticsFigures" });

export const ZAttendanceCountsSchema = z
  .object({ present: count, late: count, absent: count })
  .register(API_SCHEMAS, { id: "AttendanceCounts", description: "Điểm cầu có mặt, đến muộn, vắng, cộng theo từng buổi hội nghị" });

export const ZPeriodSchema = z
  .object({
    kind: z.enum(PERIOD_KINDS),
    firstDay: z.iso.date(),
    lastDay: z.iso.date(),
    from: z.iso.datetime().describe("Đầu kỳ (UTC), 0 giờ ngày đầu theo giờ Việt Nam"),
    to: z.iso.datetime().describe("Ngay sau cuối kỳ (UTC)"),
    bucket: z.enum(["day", "month"]),
  })
  .register(API_SCHEMAS, { id: "Period" });

const paging = { page: z.number().int().min(1), pageSize: z.number().int().min(1), total: count };

export const ZSummaryRowSchema = ZStatisticsFiguresSchema.extend({
  key: z.string().nullable().describe("Mã huyện, mã điểm cầu, tên trường, môn hoặc khối; null: không thuộc về đâu"),
  label: z.string().nullable(),
  attendance: ZAttendanceCountsSchema.nullable().describe("Chỉ khi chia theo huyện hoặc điểm cầu"),
}).register(API_SCHEMAS, { id: "SummaryRow" });

export const ZSummaryResponseSchema = z
  .object({
    period: ZPeriodSchema,
    groupBy: z.enum(GROUP_BYS),
    districtId: z.string().nullable(),
    totals: ZStatisticsFiguresSchema.extend({ attendance: ZAttendanceCountsSchema }),
    items: z.array(ZSummaryRowSchema),
    ...paging,
  })
  .register(API_SCHEMAS, { id: "SummaryResponse" });

export const ZTrendPointSchema = ZStatisticsFiguresSchema.extend({ bucket: z.iso.date().describe("Ngày đầu của ngày hoặc tháng") }).register(API_SCHEMAS, { id: "TrendPoint" });

export const ZTrendResponseSchema = z
  .object({ period: ZPeriodSchema, districtId: z.string().nullable(), items: z.array(ZTrendPointSchema), ...paging })
  .register(API_SCHEMAS, { id: "TrendResponse" });

export const ZBridgePointAttendanceSchema = ZAttendanceCountsSchema.extend({
  bridgePointId: z.string(),
  name: z.string(),
  districtId: z.string(),
  district: z.string(),
  sessions: count,
}).register(API_SCHEMAS, { id: "BridgePointAttendance" });

export const ZBridgePointsResponseSchema = z
  .object({ period: ZPeriodSchema, districtId: z.string().nullable(), items: z.array(ZBridgePointAttendanceSchema), ...paging })
  .register(API_SCHEMAS, { id: "BridgePointsResponse" });

export const ZApiErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      details: z.array(z.string()).optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  })
  .register(API_SCHEMAS, { id: "Error" });

export const MAX_PAGE_SIZE = 500;
export const ZPagingSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
});
export type TPaging = z.output<typeof ZPagingSchema>;

/** The query of every statistics endpoint: the period and breakdown (statistics-query.ts) and the page. */
export const STATISTICS_QUERY_PARAMETERS = { ...ZStatisticsQuerySchema.shape, ...ZPagingSchema.shape };

function page<T>(items: T[], { page, pageSize }: TPaging) {
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: items.length };
}

function periodOf(stats: TStatistics, kind: TStatisticsQuery["period"]) {
  const { from, to, firstDay, lastDay, bucket } = stats.period;
  return { kind, firstDay, lastDay, from: from.toISOString(), to: to.toISOString(), bucket };
}

export function summaryResponse(stats: TStatistics, query: TStatisticsQuery, paging: TPaging) {
  return ZSummaryResponseSchema.parse({
    period: periodOf(stats, query.period),
    groupBy: stats.groupBy,
    districtId: stats.districtId,
    totals: stats.totals,
    ...page(stats.rows, paging),
  });
}

export function trendResponse(stats: TStatistics, query: TStatisticsQuery, paging: TPaging) {
  return ZTrendResponseSchema.parse({ period: periodOf(stats, query.period), districtId: stats.districtId, ...page(stats.trend, paging) });
}

export function bridgePointsResponse(stats: TStatistics, query: TStatisticsQuery, paging: TPaging) {
  return ZBridgePointsResponseSchema.parse({ period: periodOf(stats, query.period), districtId: stats.districtId, ...page(stats.bridgePoints, paging) });
}

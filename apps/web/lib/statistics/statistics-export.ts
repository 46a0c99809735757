import ExcelJS from "exceljs";
import { addSheet } from "../spreadsheets/add-sheet";
import { type TCell, writeCsv } from "../spreadsheets/write-csv";
import type { TStatistics, TStatisticsFigures } from "./load-statistics";
import type { TGroupBy } from "./statistics-query";

// The dashboard's exports, in Vietnamese: the files go to offices as they are.

export const GROUP_HEADER_VI: Record<TGroupBy, string> = {
  district: "Huyện/thị xã/thành phố",
  bridgePoint: "Điểm cầu",
  school: "Trường",
  subject: "Môn",
  grade: "Khối",
};

/** The row of figures that belong to no district, bridge point, school, subject or grade. */
export const UNATTRIBUTED_VI: Record<TGroupBy, string> = {
  district: "Cấp Sở",
  bridgePoint: "Không qua điểm cầu",
  school: "Không rõ trường",
  subject: "Không theo môn (hội nghị)",
  grade: "Không theo khối (hội nghị)",
};

const FIGURE_COLUMNS: [keyof TStatisticsFigures, string][] = [
  ["conferences", "Hội nghị"],
  ["conferenceHours", "Giờ hội nghị"],
  ["lessons", "Buổi học"],
  ["lessonHours", "Giờ học"],
  ["participants", "Lượt tham dự"],
  ["personHours", "Giờ-người"],
  ["recordings", "Bản ghi"],
  ["recordedHours", "Giờ ghi hình"],
  ["materialsPublished", "Học liệu công bố"],
  ["views", "Lượt xem"],
  ["watchMinutes", "Phút xem"],
];
const ATTENDANCE_HEADER = ["Điểm cầu có mặt", "Điểm cầu đến muộn", "Điểm cầu vắng"];

const dayVi = (day: string) => day.split("-").reverse().join("/");

function figures(row: TStatisticsFigures): TCell[] {
  return FIGURE_COLUMNS.map(([key]) => row[key]);
}

function summaryTable(stats: TStatistics): TCell[][] {
  const withAttendance = stats.groupBy === "district" || stats.groupBy === "bridgePoint";
  const header = [GROUP_HEADER_VI[stats.groupBy], ...FIGURE_COLUMNS.map(([, label]) => label), ...(withAttendance ? ATTENDANCE_HEADER : [])];
  const attendance = (a: { present: number; late: number; absent: number } | null) => (withAttendance ? [a?.present ?? 0, a?.late ?? 0, a?.absent ?? 0] : []);
  return [
    header,
    ...stats.rows.map((row) => [row.label ?? UNATTRIBUTED_VI[stats.groupBy], ...figures(row), ...attendance(row.attendance)]),
    ["Tổng cộng", ...figures(stats.totals), ...attendance(stats.totals.attendance)],
  ];
}

function trendTable(stats: TStatistics): TCell[][] {
  return [[stats.period.bucket === "month" ? "Tháng (từ ngày)" : "Ngày", ...FIGURE_COLUMNS.map(([, label]) => label)], ...stats.trend.map((p) => [dayVi(p.bucket), ...figures(p)])];
}

function bridgePointTable(stats: TStatistics): TCell[][] {
  return [
    ["Huyện/thị xã/thành phố", "Điểm cầu", "Số buổi", "Có mặt", "Đến muộn", "Vắng"],
    ...stats.bridgePoints.map((b) => [b.district, b.name, b.sessions, b.present, b.late, b.absent]),
  ];
}

export function periodTitle(stats: TStatistics): string {
  return `Thống kê từ ${dayVi(stats.period.firstDay)} đến ${dayVi(stats.period.lastDay)}`;
}

/** UTF-8 CSV: the period, the breakdown with its totals, the trend, the bridge points. */
export function statisticsCsv(stats: TStatistics): string {
  return writeCsv([[[periodTitle(stats)]], summaryTable(stats), trendTable(stats), bridgePointTable(stats)]);
}

/** One workbook: the breakdown, the trend and the bridge points on separate sheets. */
export async function statisticsXlsx(stats: TStatistics): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Điểm Cầu";
  workbook.title = periodTitle(stats);
  for (const [name, [header, ...rows]] of [
    ["Tổng hợp", summaryTable(stats)],
    ["Diễn biến", trendTable(stats)],
    ["Điểm cầu", bridgePointTable(stats)],
  ] as const) {
    addSheet(workbook, name, header as string[], rows as TCell[][]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** statistics-<first day>-<last day>.<ext>, by group. */
export function statisticsFileName(stats: TStatistics, extension: "csv" | "xlsx"): string {
  return `thong-ke-${stats.groupBy}-${stats.period.firstDay}-${stats.period.lastDay}.${extension}`;
}

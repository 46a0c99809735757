import { formatDateTime } from "@diemcau/calendar/display-date";
import type { TCell } from "../spreadsheets/write-csv";
import type { TAttendanceStatus, TAttendanceSummary } from "./summarize-attendance";

// The rows both exports share, in Vietnamese: the files go to district offices as they are.

export const STATUS_LABEL_VI: Record<TAttendanceStatus, string> = { present: "Có mặt", late: "Đến muộn", absent: "Vắng" };



export const PEOPLE_HEADER = ["Họ và tên", "Điểm cầu", "Trạng thái", "Vào lúc", "Rời lúc", "Thời lượng (phút)", "Số lần vào"];
export const BRIDGE_POINT_HEADER = ["Huyện/thị xã/thành phố", "Điểm cầu", "Trạng thái", "Vào lúc", "Thời lượng (phút)"];
export const DISTRICT_HEADER = ["Huyện/thị xã/thành phố", "Có mặt", "Đến muộn", "Vắng"];

const minutes = (ms: number) => Math.round(ms / 60_000);
const when = (date: Date | null) => (date ? formatDateTime(date) : "");

export function peopleRows(summary: TAttendanceSummary): TCell[][] {
  return summary.people.map((p) => [
    p.name,
    p.bridgePointName ?? "",
    STATUS_LABEL_VI[p.status],
    when(p.firstJoinedAt),
    p.status === "absent" ? "" : p.lastLeftAt ? when(p.lastLeftAt) : "đang trong phòng",
    minutes(p.durationMs),
    p.joins,
  ]);
}

export function bridgePointRows(summary: TAttendanceSummary): TCell[][] {
  return summary.bridgePoints.map((b) => [b.district, b.name, STATUS_LABEL_VI[b.status], when(b.firstJoinedAt), minutes(b.durationMs)]);
}

export function districtRows(summary: TAttendanceSummary): TCell[][] {
  return summary.districts.map((d) => [d.district, d.present, d.late, d.absent]);
}

/** A file name without characters that trouble Windows or HTTP headers; Vietnamese letters stay. */
export function exportFileName(title: string, sessionStart: Date, extension: "csv" | "xlsx" | "edxml"): string {
  const date = formatDateTime(sessionStart).slice(0, 10).split("/").reverse().join("-");
  const safeTitle = title.replace(/[\\/:*?"<>|\r\n]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 80);
  return `Diem danh - ${safeTitle} - ${date}.${extension}`;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii.replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

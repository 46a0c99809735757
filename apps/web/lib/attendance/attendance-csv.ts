import { BRIDGE_POINT_HEADER, bridgePointRows, DISTRICT_HEADER, districtRows, PEOPLE_HEADER, peopleRows, type TCell } from "./attendance-table";
import type { TAttendanceSummary } from "./summarize-attendance";

/** Excel reads a CSV as the legacy code page unless it starts with a UTF-8 byte order mark. */
export const UTF8_BOM = "\uFEFF";

function csvCell(cell: TCell): string {
  const text = String(cell);
  // Quote what could break the row, and neutralise leading = + - @ (spreadsheet formula injection).
  const guarded = /^[=+\-@\t\r]/.test(text) && typeof cell === "string" ? `'${text}` : text;
  return /[",\r\n;]/.test(guarded) || guarded !== text ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function lines(rows: TCell[][]): string[] {
  return rows.map((row) => row.map(csvCell).join(","));
}

/** UTF-8 CSV with BOM and CRLF: the people, then the bridge points, then the districts. */
export function attendanceCsv(summary: TAttendanceSummary): string {
  const out = [...lines([PEOPLE_HEADER, ...peopleRows(summary)])];
  if (summary.bridgePoints.length > 0) {
    out.push("", ...lines([BRIDGE_POINT_HEADER, ...bridgePointRows(summary)]));
    out.push("", ...lines([DISTRICT_HEADER, ...districtRows(summary)]));
  }
  return `${UTF8_BOM}${out.join("\r\n")}\r\n`;
}

import ExcelJS from "exceljs";
import { BRIDGE_POINT_HEADER, bridgePointRows, DISTRICT_HEADER, districtRows, PEOPLE_HEADER, peopleRows, type TCell } from "./attendance-table";
import type { TAttendanceSummary } from "./summarize-attendance";

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: TCell[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  sheet.addRows(rows);
  sheet.columns.forEach((column, i) => {
    const widest = Math.max(header[i]!.length, ...rows.map((r) => String(r[i] ?? "").length));
    column.width = Math.min(48, widest + 2);
  });
}

/** One workbook: people, bridge points and the district summary on separate sheets. */
export async function attendanceXlsx(summary: TAttendanceSummary, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Điểm Cầu";
  workbook.title = title;
  addSheet(workbook, "Người tham dự", PEOPLE_HEADER, peopleRows(summary));
  if (summary.bridgePoints.length > 0) {
    addSheet(workbook, "Điểm cầu", BRIDGE_POINT_HEADER, bridgePointRows(summary));
    addSheet(workbook, "Theo huyện", DISTRICT_HEADER, districtRows(summary));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import ExcelJS from "exceljs";
import { addSheet } from "../spreadsheets/add-sheet";
import { BRIDGE_POINT_HEADER, bridgePointRows, DISTRICT_HEADER, districtRows, PEOPLE_HEADER, peopleRows } from "./attendance-table";
import type { TAttendanceSummary } from "./summarize-attendance";

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

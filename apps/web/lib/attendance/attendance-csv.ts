import { writeCsv } from "../spreadsheets/write-csv";
import { BRIDGE_POINT_HEADER, bridgePointRows, DISTRICT_HEADER, districtRows, PEOPLE_HEADER, peopleRows } from "./attendance-table";
import type { TAttendanceSummary } from "./summarize-attendance";

/** UTF-8 CSV with BOM and CRLF: the people, then the bridge points, then the districts. */
export function attendanceCsv(summary: TAttendanceSummary): string {
  const tables = [[PEOPLE_HEADER, ...peopleRows(summary)]];
  if (summary.bridgePoints.length > 0) tables.push([BRIDGE_POINT_HEADER, ...bridgePointRows(summary)], [DISTRICT_HEADER, ...districtRows(summary)]);
  return writeCsv(tables);
}

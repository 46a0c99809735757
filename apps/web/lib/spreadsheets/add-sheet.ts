import type ExcelJS from "exceljs";
import type { TCell } from "./write-csv";

/** A sheet with a bold, frozen header row and columns as wide as their text (up to 48 characters). */
export function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: TCell[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  sheet.addRows(rows);
  sheet.columns.forEach((column, i) => {
    const widest = Math.max(header[i]!.length, ...rows.map((r) => String(r[i] ?? "").length));
    column.width = Math.min(48, widest + 2);
  });
}

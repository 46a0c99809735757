/** A spreadsheet cell as the exports write it. */
export type TCell = string | number;

/** Excel reads a CSV as the legacy code page unless it starts with a UTF-8 byte order mark. */
export const UTF8_BOM = "\uFEFF";

function csvCell(cell: TCell): string {
  const text = String(cell);
  // Quote what could break the row, and neutralise leading = + - @ (spreadsheet formula injection).
  const guarded = /^[=+\-@\t\r]/.test(text) && typeof cell === "string" ? `'${text}` : text;
  return /[",\r\n;]/.test(guarded) || guarded !== text ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Rows as CSV lines (no line ends). */
export function csvLines(rows: TCell[][]): string[] {
  return rows.map((row) => row.map(csvCell).join(","));
}

/** UTF-8 CSV with BOM and CRLF: tables one after the other, a blank line between them. */
export function writeCsv(tables: TCell[][][]): string {
  return `${UTF8_BOM}${tables.map((rows) => csvLines(rows).join("\r\n")).join("\r\n\r\n")}\r\n`;
}

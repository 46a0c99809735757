import ExcelJS from "exceljs";
import { AppError } from "../errors/app-error";

// A list exported from a spreadsheet (a class roster, teachers and students to import): a header
// row, then one record per row, each with the line a spreadsheet user would count. CSV as Excel
// in Vietnamese locales saves it (";" and a UTF-8 BOM) or with ","; or the XLSX file itself.

export interface TTableRecord {
  /** 1-based line (CSV) or row number (XLSX) where the record starts. */
  line: number;
  fields: string[];
}

export interface TTable {
  header: TTableRecord | null;
  body: TTableRecord[];
}

/** RFC 4180 records with their starting line (quoted fields may span lines); blank records dropped. */
function csvRecords(text: string, separator: string): TTableRecord[] {
  const out: TTableRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === separator) {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      out.push({ line: recordLine, fields });
      fields = [];
      field = "";
      line++;
      recordLine = line;
    } else field += c;
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    out.push({ line: recordLine, fields });
  }
  return out.filter((r) => r.fields.some((f) => f.trim() !== ""));
}

export function readCsvTable(input: string): TTable {
  const text = input.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const [header = null, ...body] = csvRecords(text, separator);
  return { header, body };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return value.result === undefined ? "" : cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  return String(value);
}

/** The first worksheet of an XLSX file, every cell as text; blank rows dropped. */
export async function readXlsxTable(bytes: Uint8Array): Promise<TTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError("FILE_UNREADABLE", "Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx hoặc CSV UTF-8.", 400, "file");
  }
  const sheet = workbook.worksheets[0];
  const records: TTableRecord[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const fields: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) fields.push(cellText(row.getCell(column).value).trim());
    if (fields.some((f) => f !== "")) records.push({ line: rowNumber, fields });
  });
  const width = records[0]?.fields.length ?? 0;
  // Excel drops trailing empty cells of a row: pad to the header's width so counts agree.
  for (const record of records) while (record.fields.length < width) record.fields.push("");
  const [header = null, ...body] = records;
  return { header, body };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A CSV (UTF-8) or XLSX file, told apart by its first bytes rather than its name. */
export async function readTableFile(bytes: Uint8Array): Promise<TTable> {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readXlsxTable(bytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("FILE_ENCODING", "Tệp không phải văn bản UTF-8. Hãy lưu lại dưới dạng “CSV UTF-8” hoặc .xlsx.", 400, "file");
  }
  return readCsvTable(text);
}

/** A header cell as it is compared: lower case, no diacritics (đ → d), single spaces. */
export function headerKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[\s_]+/g, " ")
    .trim();
}

/** The index of the first column whose header is one of `names` (given as headerKey() forms), or -1. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  return header.map(headerKey).findIndex((key) => names.includes(key));
}

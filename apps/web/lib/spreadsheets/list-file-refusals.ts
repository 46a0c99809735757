import { AppError } from "../errors/app-error";

/** A bad row of an imported list, by the line a spreadsheet user would count. */
export interface TRowProblem {
  line: number;
  message: string;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

/** An imported list over its size limit (a roster, accounts): refused before it is read. */
export function listFileTooLarge(code: string, bytes: number, maxBytes: number): AppError {
  const size = megabytes(bytes);
  const max = megabytes(maxBytes);
  return new AppError(code, `Tệp danh sách quá lớn (${size}). Dung lượng tối đa là ${max}.`, 413, "file", [], { size, max });
}

/**
 * A list refused as a whole, since imports are all rows or none: the message names the count and
 * the first five bad lines, `details` every one of them in line order.
 */
export function refuseRows(code: string, lead: (count: number) => string, problems: readonly TRowProblem[]): AppError {
  const details = [...problems].sort((a, b) => a.line - b.line).map((p) => `Dòng ${p.line}: ${p.message}`);
  const shown = details.slice(0, 5).join(" ");
  const more = details.length > 5 ? ` … và ${details.length - 5} lỗi khác.` : "";
  return new AppError(code, `${lead(details.length)} ${shown}${more}`, 400, "file", details, { count: details.length });
}

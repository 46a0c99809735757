import ExcelJS from "exceljs";
import type { TIssuedPassword } from "./import-accounts";

const HEADER = ["Dòng trong tệp nhập", "Họ và tên", "Email (tên đăng nhập)", "Mã định danh", "Vai trò", "Trường", "Mật khẩu tạm"];
const ROLE_LABELS: Record<TIssuedPassword["role"], string> = { TEACHER: "Giáo viên", STUDENT: "Học sinh" };

/**
 * The new accounts' temporary passwords as a workbook the school prints or shares, one row per
 * person; each password works once, until its first sign-in replaces it.
 */
export async function temporaryPasswordsXlsx(passwords: readonly TIssuedPassword[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Điểm Cầu";
  const sheet = workbook.addWorksheet("Tài khoản mới", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(HEADER).font = { bold: true };
  const rows = passwords.map((p) => [p.line, p.name, p.email, p.studentCode ?? "", ROLE_LABELS[p.role], p.school ?? "", p.password]);
  sheet.addRows(rows);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(HEADER[i]!.length, ...rows.map((row) => String(row[i]).length)) + 2);
  });
  // Mã định danh stays text: Excel would drop a leading zero of a number.
  sheet.getColumn(4).numFmt = "@";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

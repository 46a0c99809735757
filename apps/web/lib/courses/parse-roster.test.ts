import { describe, expect, it } from "vitest";
import { readCsvTable } from "../spreadsheets/read-table";
import { parseRoster } from "./parse-roster";

const parseRosterCsv = (csv: string) => parseRoster(readCsvTable(csv));

describe("parseRoster() of a CSV file", () => {
  it("reads an Excel export with a BOM, semicolons, quotes and Vietnamese names", () => {
    const csv = '\uFEFFHọ và tên;Email\r\n"Hoàng Đức Minh";HS.Minh@diemcau.local\r\n"Nguyễn Thị ""Mai""";hs.mai@diemcau.local\r\n\r\n';
    expect(parseRosterCsv(csv)).toEqual({
      rows: [
        { line: 2, email: "hs.minh@diemcau.local", studentCode: null, name: "Hoàng Đức Minh" },
        { line: 3, email: "hs.mai@diemcau.local", studentCode: null, name: 'Nguyễn Thị "Mai"' },
      ],
      problems: [],
    });
  });

  it("reports each bad row with its line number, counting lines inside quoted fields", () => {
    const csv = [
      "email,ho_ten",
      "hs.minh@diemcau.local,Minh",
      "khong-phai-email,Ai đó",
      ",Thiếu email",
      '"hs.bao@diemcau.local","Trần',
      'Quốc Bảo"',
      "hs.minh@diemcau.local,Minh lần hai",
      "hs.linh@diemcau.local,Linh,thừa",
    ].join("\n");
    const { rows, problems } = parseRosterCsv(csv);
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(problems).toEqual([
      { line: 3, message: "email “khong-phai-email” không hợp lệ." },
      { line: 4, message: "thiếu email." },
      { line: 7, message: "email hs.minh@diemcau.local trùng với dòng 2." },
      { line: 8, message: "có 3 cột, dòng tiêu đề có 2 cột." },
    ]);
  });

  it("finds students by mã định danh, by email or by both, and checks each", () => {
    const csv = ["STT;Họ và tên;Mã định danh;Email", "1;Minh;045 2010 00001;", "2;Mai;;hs.mai@diemcau.local", "3;Bảo;0452010X;", "4;Linh;;", "5;Minh lần hai;04520100 0001;"].join("\n");
    const { rows, problems } = parseRosterCsv(csv);
    expect(rows).toEqual([
      { line: 2, email: null, studentCode: "045201000001", name: "Minh" },
      { line: 3, email: "hs.mai@diemcau.local", studentCode: null, name: "Mai" },
      { line: 4, email: null, studentCode: "0452010X", name: "Bảo" },
    ]);
    expect(problems).toEqual([
      { line: 5, message: "thiếu email và mã định danh." },
      { line: 6, message: "mã định danh 045201000001 trùng với dòng 2." },
    ]);
    expect(parseRosterCsv("Mã HS,Tên\n04-52,X").problems).toEqual([{ line: 2, message: "mã định danh “04-52” không hợp lệ." }]);
  });

  it("refuses a file without an email or mã định danh column, or without students", () => {
    expect(parseRosterCsv("ten,lop\nMinh,9A").problems).toEqual([{ line: 1, message: "Dòng tiêu đề thiếu cột “email” hoặc “mã định danh”." }]);
    expect(parseRosterCsv("email\n").problems).toEqual([{ line: 1, message: "Tệp không có học sinh nào sau dòng tiêu đề." }]);
    expect(parseRosterCsv("").problems[0]?.message).toContain("Tệp trống");
  });
});

import { describe, expect, it } from "vitest";
import { parseRosterCsv } from "./parse-roster-csv";

describe("parseRosterCsv", () => {
  it("reads an Excel export with a BOM, semicolons, quotes and Vietnamese names", () => {
    const csv = '\uFEFFHọ và tên;Email\r\n"Hoàng Đức Minh";HS.Minh@diemcau.local\r\n"Nguyễn Thị ""Mai""";hs.mai@diemcau.local\r\n\r\n';
    expect(parseRosterCsv(csv)).toEqual({
      rows: [
        { line: 2, email: "hs.minh@diemcau.local", name: "Hoàng Đức Minh" },
        { line: 3, email: "hs.mai@diemcau.local", name: 'Nguyễn Thị "Mai"' },
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

  it("refuses a file without an email column or without students", () => {
    expect(parseRosterCsv("ten,lop\nMinh,9A").problems).toEqual([{ line: 1, message: "Dòng tiêu đề thiếu cột “email”." }]);
    expect(parseRosterCsv("email\n").problems).toEqual([{ line: 1, message: "Tệp không có học sinh nào sau dòng tiêu đề." }]);
    expect(parseRosterCsv("").problems[0]?.message).toContain("Tệp trống");
  });
});

import { describe, expect, it } from "vitest";
import { missingHeaderFields, type TEdxmlHeader } from "./document-record";
import { readEdxml } from "./read-edxml";
import { writeEdxml } from "./write-edxml";

const header: TEdxmlHeader = {
  from: { organId: "000.00.00.H48", organName: "Sở Giáo dục và Đào tạo Quảng Trị" },
  to: [],
  place: "Quảng Trị",
  promulgationDate: "2026/09/07",
  typeName: "Báo cáo",
  subject: "Báo cáo điểm danh Hội nghị “Triển khai nhiệm vụ năm học” <2026-2027> & các điểm cầu",
  content: "Có mặt 8/9 điểm cầu.",
};

describe("writeEdxml()", () => {
  it("writes a package the reader gives back field for field, attachment bytes included", () => {
    const content = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10]);
    const xml = writeEdxml(header, [{ name: "diem-danh.xlsx", contentType: "application/vnd.ms-excel", description: "Bảng điểm danh", content }]);
    const back = readEdxml(xml);
    expect(back.header).toEqual({ ...header, codeNumber: undefined, codeNotation: undefined, signerFullName: undefined, signerPosition: undefined });
    expect(back.attachments).toHaveLength(1);
    expect(back.attachments[0]).toMatchObject({ name: "diem-danh.xlsx", contentType: "application/vnd.ms-excel" });
    expect(Buffer.from(back.attachments[0]!.contentBase64!, "base64").equals(content)).toBe(true);
  });

  it("leaves empty the slots the sender's clerk fills, so the reader names them", () => {
    expect(missingHeaderFields(readEdxml(writeEdxml(header, [])).header)).toEqual(["Code/CodeNumber", "Code/CodeNotation"]);
  });

  it("writes every element in the edXML namespace", () => {
    const xml = writeEdxml(header, []).toString("utf8");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<edXML xmlns="http:\/\/www.mic.gov.vn\/TBT\/QCVN_102_2016"/);
    expect(xml).not.toContain("xmlns=\"\"");
  });
});

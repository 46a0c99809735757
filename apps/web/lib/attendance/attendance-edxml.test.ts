import { documentFromHeader, missingHeaderFields, readEdxml } from "@diemcau/connectors/documents";
import { seedDemo } from "@diemcau/db";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "@diemcau/calendar/display-date";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { attendanceEdxml, XLSX_CONTENT_TYPE } from "./attendance-edxml";
import { loadEventAttendance } from "./load-event-attendance";

// Export → read back with the importer: the round trip the document system will make.
describe("the attendance report as an edXML package", () => {
  let database: TestDatabase;
  let eventId: string;
  let startsAt: Date;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    const event = await database.db.event.findUniqueOrThrow({ where: { roomName: "demo-hoi-nghi-trien-khai-nam-hoc" } });
    [eventId, startsAt] = [event.id, event.startsAt];
    const camLo = await database.db.user.findUniqueOrThrow({ where: { email: "camlo@diemcau.local" } });
    await database.db.attendance.create({
      data: { eventId, userId: camLo.id, bridgePointId: camLo.bridgePointId, displayName: camLo.name, joinedAt: startsAt, leftAt: new Date(startsAt.getTime() + 3 * 3600_000) },
    });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("reads back with the department as sender, the report's subject and the XLSX attached", async () => {
    const attendance = (await loadEventAttendance(database.db, eventId, { now: new Date(startsAt.getTime() + 4 * 3600_000) }))!;
    const exportedOn = new Date("2030-01-15T03:00:00Z");
    const { fileName, body } = await attendanceEdxml(database.db, attendance, exportedOn);
    expect(fileName).toMatch(/^Diem danh - Hội nghị trực tuyến triển khai nhiệm vụ năm học 2026-2027 - \d{4}-\d{2}-\d{2}\.edxml$/);

    const { header, attachments } = readEdxml(body);
    expect(header).toEqual({
      from: { organId: "000.00.00.H48", organName: "Sở Giáo dục và Đào tạo Quảng Trị" },
      to: [],
      place: "Quảng Trị",
      promulgationDate: "2030/01/15",
      typeName: "Báo cáo",
      subject: `Báo cáo điểm danh Hội nghị trực tuyến triển khai nhiệm vụ năm học 2026-2027 ngày ${formatDate(startsAt)}`,
      content: "Có mặt đúng giờ 1, đến muộn 0, vắng 8 điểm cầu. Chi tiết trong tệp đính kèm.",
      codeNumber: undefined,
      codeNotation: undefined,
      signerFullName: undefined,
      signerPosition: undefined,
    });

    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ name: fileName.replace(/\.edxml$/, ".xlsx"), contentType: XLSX_CONTENT_TYPE });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(attachments[0]!.contentBase64!, "base64") as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Người tham dự", "Điểm cầu", "Theo huyện"]);
    const bridgePoints = workbook.getWorksheet("Điểm cầu")!.getSheetValues().flat().map(String);
    expect(bridgePoints).toContain("Điểm cầu Phòng GD&ĐT Cam Lộ");
  });

  it("leaves for the clerk exactly the number and notation, recipients and signer, which the importer names", async () => {
    const attendance = (await loadEventAttendance(database.db, eventId))!;
    const { header } = readEdxml((await attendanceEdxml(database.db, attendance)).body);
    expect(missingHeaderFields(header)).toEqual(["Code/CodeNumber", "Code/CodeNotation"]);
    expect([header.to, header.signerFullName, header.signerPosition]).toEqual([[], undefined, undefined]);
    // Once the clerk has numbered it, the same package links as a document.
    const numbered = documentFromHeader({ ...header, codeNumber: "87", codeNotation: "BC-SGDĐT" }, []);
    expect([numbered.numberNotation, numbered.documentType, numbered.issuer]).toEqual(["87/BC-SGDĐT", "Báo cáo", "Sở Giáo dục và Đào tạo Quảng Trị"]);
  });

  it("leaves From/OrganId empty too while the department has no electronic id", async () => {
    await database.db.organization.updateMany({ data: { organId: null } });
    const attendance = (await loadEventAttendance(database.db, eventId))!;
    const { header } = readEdxml((await attendanceEdxml(database.db, attendance)).body);
    expect(header.from).toEqual({ organId: undefined, organName: "Sở Giáo dục và Đào tạo Quảng Trị" });
  });
});

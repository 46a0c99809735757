import { bridgePointName, seedDemo } from "@diemcau/db";
import { signInternalRequest, type TAttendanceReport } from "@diemcau/protocol";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { UTF8_BOM } from "../spreadsheets/write-csv";
import { attendanceCsv } from "./attendance-csv";
import { attendanceXlsx } from "./attendance-xlsx";
import { handleAttendanceRequest } from "./handle-attendance-request";
import { loadEventAttendance } from "./load-event-attendance";

const SECRET = "web-attendance-test-secret-0123456789abcdef";
const URL_ = "http://localhost/api/internal/attendance";

async function post(body: string, secret = SECRET): Promise<Request> {
  return new Request(URL_, { method: "POST", headers: { "content-type": "application/json", ...(await signInternalRequest({ method: "POST", path: new URL(URL_).pathname, body }, secret)) }, body });
}

describe("POST /api/internal/attendance on a real database", () => {
  let database: TestDatabase;
  let eventId: string;
  let startsAt: Date;
  let reports: TAttendanceReport[];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    const event = await database.db.event.findUniqueOrThrow({ where: { roomName: "demo-hoi-nghi-trien-khai-nam-hoc" } });
    eventId = event.id;
    startsAt = event.startsAt;
    const host = await database.db.user.findUniqueOrThrow({ where: { email: "canbo@diemcau.local" } });
    const dongHa = await database.db.user.findUniqueOrThrow({ where: { email: "dongha@diemcau.local" } });
    const min = (m: number) => new Date(startsAt.getTime() + m * 60_000).toISOString();
    reports = [
      { type: "join", peerId: "peer-host", room: eventId, userId: host.id, displayName: host.name, role: "HOST", at: min(-5) },
      // The room account's bridge point comes from the account when the token does not say it.
      { type: "join", peerId: "peer-dh-1", room: eventId, userId: dongHa.id, displayName: "Điểm cầu Đông Hà", role: "ATTENDEE", at: min(12) },
      { type: "leave", peerId: "peer-dh-1", room: eventId, at: min(40) },
      { type: "join", peerId: "peer-dh-2", room: eventId, userId: dongHa.id, displayName: "Điểm cầu Đông Hà", role: "ATTENDEE", at: min(41) },
      { type: "leave", peerId: "peer-dh-2", room: eventId, at: min(100) },
      { type: "join", peerId: "peer-guest", room: "demo-hoi-nghi-trien-khai-nam-hoc", userId: "guest:abc", displayName: "Khách — Nguyễn Thị Hà", role: "ATTENDEE", at: min(0) },
      { type: "leave", peerId: "peer-host", room: eventId, at: min(210) },
      { type: "join", peerId: "peer-x", room: "no-such-room", userId: "u", displayName: "X", role: "ATTENDEE", at: min(0) },
    ];
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("refuses a bad signature with 401 and a stable code", async () => {
    const body = JSON.stringify({ reports });
    const response = await handleAttendanceRequest(await post(body, `${SECRET}-wrong`), database.db, SECRET);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("INTERNAL_SIGNATURE_INVALID");
    const unsigned = new Request(URL_, { method: "POST", body });
    expect((await handleAttendanceRequest(unsigned, database.db, SECRET)).status).toBe(401);
  });

  it("refuses a signed batch sent a second time (a replay), storing it once", async () => {
    const body = JSON.stringify({ reports: [{ type: "join", peerId: "peer-replay", room: eventId, userId: "guest:replay", displayName: "Khách", role: "ATTENDEE", at: new Date(startsAt).toISOString() }] });
    const first = await post(body);
    const replay = first.clone();
    expect((await handleAttendanceRequest(first, database.db, SECRET)).status).toBe(200);
    const refused = await handleAttendanceRequest(replay, database.db, SECRET);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("INTERNAL_REQUEST_REPLAYED");
    // Sent to the other internal endpoint, the same signature does not hold either.
    const elsewhere = new Request("http://localhost/api/internal/recordings/events", { method: "POST", headers: (await post(body)).headers, body });
    expect((await handleAttendanceRequest(elsewhere, database.db, SECRET)).status).toBe(401);
    expect(await database.db.attendance.count({ where: { peerId: "peer-replay" } })).toBe(1);
    await database.db.attendance.deleteMany({ where: { peerId: "peer-replay" } });
  });

  it("refuses a malformed body with 400 and a code, storing nothing", async () => {
    const bad = await handleAttendanceRequest(await post(JSON.stringify({ reports: [{ type: "join", room: eventId }] })), database.db, SECRET);
    expect(bad.status).toBe(400);
    const error = (await bad.json()).error;
    expect(error.code).toBe("ATTENDANCE_INVALID");
    expect(error.message).toMatch(/^Báo cáo điểm danh/);
    const notJson = await handleAttendanceRequest(await post("{"), database.db, SECRET);
    expect((await notJson.json()).error.code).toBe("ATTENDANCE_BAD_JSON");
    expect(await database.db.attendance.count()).toBe(0);
  });

  it("stores rows for a good batch, and a retried batch changes nothing", async () => {
    const body = JSON.stringify({ reports });
    const first = await handleAttendanceRequest(await post(body), database.db, SECRET);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 7, unknownRooms: ["no-such-room"] });
    expect((await handleAttendanceRequest(await post(body), database.db, SECRET)).status).toBe(200);

    const rows = await database.db.attendance.findMany({ where: { eventId }, orderBy: { joinedAt: "asc" }, include: { bridgePoint: true } });
    expect(rows).toHaveLength(4);
    const dongHaRows = rows.filter((r) => r.peerId?.startsWith("peer-dh"));
    expect(dongHaRows.every((r) => r.bridgePoint?.name === bridgePointName("Đông Hà") && r.leftAt)).toBe(true);
    const guest = rows.find((r) => r.peerId === "peer-guest")!;
    expect(guest).toMatchObject({ userId: null, displayName: "Khách — Nguyễn Thị Hà", leftAt: null, meetingRole: "ATTENDEE" });
  });

  it("summarizes, and exports CSV with a BOM and XLSX that parses back with Vietnamese intact", async () => {
    const attendance = (await loadEventAttendance(database.db, eventId, { now: new Date(startsAt.getTime() + 5 * 3600_000) }))!;
    const { summary } = attendance;
    const dongHa = summary.bridgePoints.find((b) => b.name === bridgePointName("Đông Hà"))!;
    expect(dongHa).toMatchObject({ status: "late", durationMs: (28 + 59) * 60_000 });
    expect(summary.totals).toEqual({ present: 0, late: 1, absent: 8 });
    expect(summary.people.find((p) => p.name === "Điểm cầu Đông Hà")).toMatchObject({ joins: 2, status: "late" });

    const csv = attendanceCsv(summary);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain(`Điểm cầu Đông Hà,${bridgePointName("Đông Hà")},Đến muộn`);
    expect(csv).toContain("Khách — Nguyễn Thị Hà");
    expect(csv).toContain("Huyện/thị xã/thành phố,Có mặt,Đến muộn,Vắng");

    const workbook = new ExcelJS.Workbook();
    // exceljs types predate Node 20's generic Buffer.
    await workbook.xlsx.load((await attendanceXlsx(summary, attendance.event.title)) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Người tham dự", "Điểm cầu", "Theo huyện"]);
    const people = workbook.getWorksheet("Người tham dự")!;
    expect(people.getRow(1).getCell(1).value).toBe("Họ và tên");
    const names = people.getColumn(1).values.slice(2);
    expect(names).toContain("Điểm cầu Đông Hà");
    expect(names).toContain("Khách — Nguyễn Thị Hà");
    expect(workbook.getWorksheet("Theo huyện")!.rowCount).toBe(1 + summary.districts.length);
  });
});

import { createPrismaClient, type Db, seedDemo } from "@diemcau/db";
import { createTestDatabase, type TestDatabase } from "@diemcau/db/test-database";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelEvent } from "../schedule/cancel-event";
import { createLessonSeries } from "../schedule/create-lesson-series";
import { expandOccurrences } from "@diemcau/calendar/recurrence";
import { AppError } from "../errors/app-error";
import { addStudent } from "./add-student";
import { createCourse } from "./create-course";
import { importRoster } from "./import-roster";

let database: TestDatabase;
let db: Db;
let teacherId: string;
let otherTeacherId: string;
const NOW = new Date("2030-01-01T00:00:00Z");
const encode = (text: string) => new TextEncoder().encode(text);
async function workbook(rows: string[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Danh sách").addRows(rows);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.url);
  await seedDemo(db);
  teacherId = (await db.user.findUniqueOrThrow({ where: { email: "gv.lan@diemcau.local" } })).id;
  otherTeacherId = (await db.user.findUniqueOrThrow({ where: { email: "gv.hung@diemcau.local" } })).id;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const newCourse = (name: string) => createCourse(db, teacherId, { name, subject: "Ngữ văn", grade: 8, schoolYear: "2029-2030", school: "" });

describe("classes and rosters on a real database", () => {
  it("creates a class and validates its fields", async () => {
    const { id } = await newCourse("Văn 8B");
    expect(await db.course.findUniqueOrThrow({ where: { id } })).toMatchObject({ teacherId, grade: 8, school: null });
    const error = await refusal(createCourse(db, teacherId, { name: "X", subject: "Toán", grade: 8, schoolYear: "2029-2031" }));
    expect(error.message).toBe("Năm học phải gồm hai năm liên tiếp, ví dụ 2026-2027.");
  });

  it("adds students one by one, refusing unknown, non-student and duplicate accounts", async () => {
    const { id } = await newCourse("Văn 8C");
    await addStudent(db, id, teacherId, { student: " HS.Minh@diemcau.local " });
    expect((await refusal(addStudent(db, id, teacherId, { student: "hs.minh@diemcau.local" }))).code).toBe("ALREADY_ENROLLED");
    expect((await refusal(addStudent(db, id, teacherId, { student: "khong.co@diemcau.local" }))).message).toBe(
      "Không có học sinh nào với email khong.co@diemcau.local.",
    );
    expect((await refusal(addStudent(db, id, teacherId, { student: "gv.hung@diemcau.local" }))).code).toBe("NOT_A_STUDENT");
    expect((await refusal(addStudent(db, id, otherTeacherId, { student: "hs.mai@diemcau.local" }))).code).toBe("FORBIDDEN");
    expect(await db.enrollment.count({ where: { courseId: id } })).toBe(1);
  });

  it("adds a student by mã định danh, typed with spaces or in lower case", async () => {
    const { id } = await newCourse("Văn 8M");
    await db.user.update({ where: { email: "hs.bao@diemcau.local" }, data: { studentCode: "045201000003" } });
    expect(await addStudent(db, id, teacherId, { student: "0452 0100 0003" })).toMatchObject({ name: "Trần Quốc Bảo" });
    expect((await refusal(addStudent(db, id, teacherId, { student: "045201000099" }))).message).toBe("Không có học sinh nào với mã định danh 045201000099.");
    expect((await refusal(addStudent(db, id, teacherId, { student: "04-52" }))).code).toBe("INVALID_INPUT");
    expect(await db.enrollment.findMany({ where: { courseId: id }, select: { user: { select: { email: true } } } })).toEqual([{ user: { email: "hs.bao@diemcau.local" } }]);
  });

  it("imports a roster all at once, keeping students already enrolled", async () => {
    const { id } = await newCourse("Văn 8D");
    await addStudent(db, id, teacherId, { student: "hs.linh@diemcau.local" });
    const csv = "\uFEFFHọ và tên;Email\r\nHoàng Đức Minh;hs.minh@diemcau.local\r\nNguyễn Thị Mai;hs.mai@diemcau.local\r\nLê Khánh Linh;hs.linh@diemcau.local\r\n";
    expect(await importRoster(db, id, teacherId, encode(csv))).toEqual({ added: 2, alreadyEnrolled: 1 });
    expect(await db.enrollment.count({ where: { courseId: id } })).toBe(3);
  });

  it("refuses a roster naming a student who does not exist, with line numbers, and saves nothing", async () => {
    const { id } = await newCourse("Văn 8E");
    const csv = ["email,ho_ten", "hs.minh@diemcau.local,Minh", "hs.ma@diemcau.local,Học sinh không có", "sai-email,X", "gv.lan@diemcau.local,Cô Lan"].join("\n");
    const error = await refusal(importRoster(db, id, teacherId, encode(csv)));
    expect(error.code).toBe("ROSTER_INVALID");
    expect(error.details).toEqual([
      "Dòng 3: không có học sinh nào với email hs.ma@diemcau.local (Học sinh không có).",
      "Dòng 4: email “sai-email” không hợp lệ.",
      "Dòng 5: tài khoản gv.lan@diemcau.local không phải là tài khoản học sinh.",
    ]);
    expect(error.message).toMatch(/^Chưa nhập danh sách vì có 3 dòng lỗi; không học sinh nào được thêm\. Dòng 3:/);
    expect(await db.enrollment.count({ where: { courseId: id } })).toBe(0);
  });

  it("imports a roster by mã định danh from an XLSX file, and refuses an email and a code that name two students", async () => {
    const { id } = await newCourse("Văn 8F");
    await db.user.update({ where: { email: "hs.mai@diemcau.local" }, data: { studentCode: "045201000002" } });
    await db.user.update({ where: { email: "hs.linh@diemcau.local" }, data: { studentCode: "045201000004" } });
    const xlsx = await workbook([
      ["Họ và tên", "Mã định danh", "Email"],
      ["Nguyễn Thị Mai", "045201000002", ""],
      ["Lê Khánh Linh", "045201000004", "hs.linh@diemcau.local"],
    ]);
    expect(await importRoster(db, id, teacherId, xlsx)).toEqual({ added: 2, alreadyEnrolled: 0 });

    const mixedUp = await workbook([
      ["Họ và tên", "Mã định danh", "Email"],
      ["Hoàng Đức Minh", "045201000002", "hs.minh@diemcau.local"],
    ]);
    const error = await refusal(importRoster(db, id, teacherId, mixedUp));
    expect(error.details).toEqual(["Dòng 2: email hs.minh@diemcau.local và mã định danh 045201000002 là của hai tài khoản khác nhau."]);
    expect(await db.enrollment.count({ where: { courseId: id } })).toBe(2);
  });

  it("refuses a 10 MB roster file with a clear message", async () => {
    const { id } = await newCourse("Văn 8G");
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x61);
    const error = await refusal(importRoster(db, id, teacherId, big));
    expect([error.code, error.status, error.message]).toEqual([
      "ROSTER_TOO_LARGE",
      413,
      "Tệp danh sách quá lớn (10,0 MB). Dung lượng tối đa là 1,0 MB.",
    ]);
  });
});

describe("weekly lessons on a real database", () => {
  const lessons = (overrides: Record<string, unknown> = {}) => ({
    title: "Ngữ văn 8 — ôn tập",
    weekdays: [1, 3], // the seed's Toán 9A already takes Tuesdays and Thursdays at 19:30
    firstDate: "2030-01-07",
    lastDate: "2030-02-27",
    startTime: "19:30",
    durationMinutes: 45,
    exceptionDates: ["2030-02-04", "2030-02-06"], // Tết holidays
    ...overrides,
  });

  it("stores an RRULE with holiday EXDATEs that expands to the planned lessons", async () => {
    const { id: courseId } = await newCourse("Văn 8H");
    const { id } = await createLessonSeries(db, courseId, teacherId, lessons(), NOW);
    const event = await db.event.findUniqueOrThrow({ where: { id } });
    expect(event).toMatchObject({ kind: "CLASS", courseId, hostId: teacherId });
    expect(event.rrule).toBe("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20300227T165959Z\nEXDATE;TZID=Asia/Ho_Chi_Minh:20300204T193000,20300206T193000");
    expect(expandOccurrences(event, new Date("2030-01-01T00:00:00Z"), new Date("2030-04-01T00:00:00Z"))).toHaveLength(14);
    expect(event.seriesEndsAt?.toISOString()).toBe("2030-02-27T13:15:00.000Z");
  });

  it("lets the teacher cancel their own lesson series, and no other teacher", async () => {
    const { id: courseId } = await newCourse("Văn 8K");
    const { id } = await createLessonSeries(db, courseId, teacherId, lessons({ title: "Buổi học sẽ hủy", startTime: "07:00" }), NOW);
    expect((await refusal(cancelEvent(db, id, { id: otherTeacherId, role: "TEACHER" }, NOW))).code).toBe("FORBIDDEN");
    await cancelEvent(db, id, { id: teacherId, role: "TEACHER" }, NOW);
    expect((await db.event.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELLED");
  });

  it("refuses lessons overlapping the teacher's own lessons, naming the lesson", async () => {
    const { id: courseId } = await newCourse("Văn 8I");
    const before = await db.event.count();
    const error = await refusal(
      createLessonSeries(db, courseId, teacherId, lessons({ title: "Trùng giờ", weekdays: [3], startTime: "20:00", firstDate: "2030-02-03" }), NOW),
    );
    expect(error.code).toBe("TEACHER_CLASH");
    // Wednesday 06/02 is a holiday of the other series, so the first clash is Wednesday 13/02.
    expect(error.message).toBe(
      "Trùng lịch: buổi học 20:00 ngày 13/02/2030 trùng với “Ngữ văn 8 — ôn tập” (19:30–20:15 ngày 13/02/2030) của bạn.",
    );
    expect(await db.event.count()).toBe(before);
    // Another teacher is free at that time.
    const { id: hungCourse } = await createCourse(db, otherTeacherId, { name: "Toán 8", subject: "Toán", grade: 8, schoolYear: "2029-2030" });
    await createLessonSeries(db, hungCourse, otherTeacherId, lessons({ weekdays: [3], startTime: "20:00" }), NOW);
  });

  it("plans a lesson that crosses midnight and catches a clash on the next morning", async () => {
    const { id: courseId } = await newCourse("Văn 8K");
    const { id } = await createLessonSeries(db, courseId, teacherId, lessons({ title: "Ôn thi khuya", weekdays: [6], startTime: "23:30", durationMinutes: 60, exceptionDates: [] }), NOW);
    const first = await db.event.findUniqueOrThrow({ where: { id } });
    expect(first.startsAt.toISOString()).toBe("2030-01-12T16:30:00.000Z"); // Saturday 12/01 23:30 ICT
    expect(first.endsAt.toISOString()).toBe("2030-01-12T17:30:00.000Z"); // Sunday 13/01 00:30 ICT
    const error = await refusal(
      createLessonSeries(db, courseId, teacherId, lessons({ title: "Sáng sớm Chủ nhật", weekdays: [7], startTime: "00:00", durationMinutes: 30, exceptionDates: [] }), NOW),
    );
    expect(error.message).toContain("“Ôn thi khuya” (23:30 ngày 12/01/2030 – 00:30 ngày 13/01/2030)");
  });

  it("gives precise refusals for an empty title, reversed dates, the past and no lessons", async () => {
    const { id: courseId } = await newCourse("Văn 8L");
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "" }, "TITLE_REQUIRED"],
      [{ firstDate: "2030-03-01", lastDate: "2030-02-01" }, "END_BEFORE_START"],
      [{ firstDate: "2029-12-01" }, "START_IN_PAST"],
      [{ weekdays: [] }, "WEEKDAYS_REQUIRED"],
      [{ weekdays: [1], firstDate: "2030-01-08", lastDate: "2030-01-13" }, "NO_OCCURRENCES"],
      [{ durationMinutes: 5 }, "INVALID_INPUT"],
    ];
    for (const [overrides, code] of cases) {
      expect((await refusal(createLessonSeries(db, courseId, teacherId, lessons(overrides), NOW))).code).toBe(code);
    }
    expect(await db.event.count({ where: { courseId } })).toBe(0);
  });

  it("refuses another teacher's class before reading the lessons asked for", async () => {
    const { id: courseId } = await newCourse("Văn 8N");
    expect((await refusal(createLessonSeries(db, courseId, otherTeacherId, {}, NOW))).code).toBe("FORBIDDEN");
  });
});

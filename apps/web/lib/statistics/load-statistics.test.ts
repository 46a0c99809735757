import { seedDemo, type Db } from "@diemcau/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEventAttendance } from "../attendance/load-event-attendance";
import { changeOccurrence } from "../schedule/change-occurrence";
import { searchVisibleMaterials } from "../search/search-visible-materials";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { recordViewHeartbeat } from "../views/record-view-heartbeat";
import { loadStatistics, type TStatistics } from "./load-statistics";
import { resolvePeriod } from "./statistics-query";

// The same data read through two paths against a real PostgreSQL: the statistics, and the pages
// people already trust (the attendance page of every session, the library's list).

const SEEDED_AT = new Date("2026-10-05T03:00:00Z"); // Monday 5 October 2026, 10:00 in Hà Nội time
const NOW = new Date("2026-11-10T03:00:00Z");
const OCTOBER = { period: "month" as const, date: "2026-10-15" };
const minutes = (at: Date, m: number) => new Date(at.getTime() + m * 60_000);

describe("statistics agree with the attendance pages and the library", () => {
  let database: TestDatabase;
  let db: Db;
  let staff: { id: string; role: "STAFF" };
  const eventIds: string[] = [];
  const districtIds = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    // A server whose sessions run in the department's zone: no figure may depend on it.
    await db.$executeRawUnsafe(`ALTER DATABASE "${new URL(database.url).pathname.slice(1)}" SET timezone TO 'Asia/Ho_Chi_Minh'`);
    await db.$disconnect();
    await seedDemo(db, SEEDED_AT);
    for (const d of await db.district.findMany()) districtIds.set(d.name, d.id);
    const byEmail = async (email: string) => db.user.findUniqueOrThrow({ where: { email } });
    const host = await byEmail("canbo@diemcau.local");
    staff = { id: host.id, role: "STAFF" };
    const teacher = await byEmail("gv.lan@diemcau.local");
    const students = await Promise.all(["hs.minh", "hs.mai", "hs.bao"].map((s) => byEmail(`${s}@diemcau.local`)));
    const room = async (district: string) => db.user.findFirstOrThrow({ where: { role: "BRIDGE_POINT", district: { name: district } } });

    const conference = await db.event.findUniqueOrThrow({ where: { roomName: "demo-hoi-nghi-trien-khai-nam-hoc" } });
    const training = await db.event.findUniqueOrThrow({ where: { roomName: "demo-tap-huan-chuyen-doi-so" } });
    const lesson = await db.event.findUniqueOrThrow({ where: { roomName: "demo-lop-toan-9a" } });
    eventIds.push(conference.id, training.id, lesson.id);
    let peer = 0;
    const attend = async (eventId: string, who: { id: string | null; name: string; bridgePointId?: string | null }, from: Date, to: Date | null) =>
      db.attendance.create({
        data: { eventId, userId: who.id, displayName: who.name, bridgePointId: who.bridgePointId ?? null, peerId: `peer-${++peer}`, joinedAt: from, leftAt: to },
      });

    // The conference: the host, Đông Hà on time then back after a drop, Cam Lộ late, a guest; the rest absent.
    const dongHa = await room("Đông Hà");
    const camLo = await room("Cam Lộ");
    const c0 = conference.startsAt;
    await attend(conference.id, { id: host.id, name: host.name }, minutes(c0, -5), minutes(c0, 200));
    await attend(conference.id, { id: dongHa.id, name: dongHa.name, bridgePointId: dongHa.bridgePointId }, minutes(c0, 2), minutes(c0, 40));
    await attend(conference.id, { id: dongHa.id, name: dongHa.name, bridgePointId: dongHa.bridgePointId }, minutes(c0, 35), minutes(c0, 150));
    await attend(conference.id, { id: camLo.id, name: camLo.name, bridgePointId: camLo.bridgePointId }, minutes(c0, 25), minutes(c0, 90));
    await attend(conference.id, { id: null, name: "Khách — Nguyễn Thị Hà" }, minutes(c0, 0), minutes(c0, 30));
    // The training: Vĩnh Linh on time; Gio Linh never left (its leave was never reported).
    const vinhLinh = await room("Vĩnh Linh");
    const gioLinh = await room("Gio Linh");
    await attend(training.id, { id: vinhLinh.id, name: vinhLinh.name, bridgePointId: vinhLinh.bridgePointId }, minutes(training.startsAt, -10), minutes(training.startsAt, 120));
    await attend(training.id, { id: gioLinh.id, name: gioLinh.name, bridgePointId: gioLinh.bridgePointId }, minutes(training.startsAt, 3), null);
    // Two lessons of the series with students, one with nobody; a lesson in November is outside the period.
    const sessions = (await loadEventAttendance(db, lesson.id, { now: NOW }))!.sessions.map((s) => s.startsAt).reverse();
    const [first, second] = [sessions[0]!, sessions[1]!];
    await attend(lesson.id, { id: teacher.id, name: teacher.name }, minutes(first, -3), minutes(first, 46));
    for (const [i, student] of students.entries()) await attend(lesson.id, { id: student.id, name: student.name }, minutes(first, i * 6), minutes(first, 45));
    await attend(lesson.id, { id: students[0]!.id, name: students[0]!.name }, minutes(second, 1), minutes(second, 20));
    const november = sessions.find((s) => s >= new Date("2026-11-01T00:00:00+07:00"))!;
    await attend(lesson.id, { id: students[1]!.id, name: students[1]!.name }, minutes(november, 0), minutes(november, 30));

    // Materials: the conference's recording (published), an uploaded lesson video (published), one not published.
    const recording = await db.recording.create({ data: { eventId: conference.id, status: "READY", durationSec: 3 * 3600, startedAt: c0, endedAt: minutes(c0, 180) } });
    const published = await db.material.create({
      data: { title: "Hội nghị triển khai nhiệm vụ năm học", ownerId: host.id, recordingId: recording.id, published: true, publishedAt: minutes(c0, 240), visibility: "INTERNAL", createdAt: minutes(c0, 200) },
    });
    const upload = await db.material.create({
      data: { title: "Phương trình bậc hai", subject: "Toán", grade: 9, ownerId: teacher.id, published: true, publishedAt: new Date("2026-10-20T02:00:00Z"), visibility: "PUBLIC", createdAt: new Date("2026-10-20T01:00:00Z") },
    });
    await db.material.create({ data: { title: "Bản nháp", ownerId: teacher.id, createdAt: new Date("2026-10-21T01:00:00Z") } });
    // Views through the player's heartbeat: two viewers watch long enough, one does not.
    const watch = async (materialId: string, viewer: { id: string; role: "STUDENT" | "STAFF" } | null, at: Date, beats: number) => {
      for (let i = 0; i < beats; i++) {
        await recordViewHeartbeat(db, { materialId, viewer, client: { address: "10.0.0.7", userAgent: "test" }, body: { playedSec: 10 }, now: new Date(at.getTime() + i * 10_000) });
      }
    };
    await watch(upload.id, { id: students[0]!.id, role: "STUDENT" }, new Date("2026-10-21T12:00:00Z"), 5);
    await watch(upload.id, null, new Date("2026-10-22T12:00:00Z"), 4);
    await watch(published.id, { id: host.id, role: "STAFF" }, new Date("2026-10-23T02:00:00Z"), 2);
  }, 180_000);

  afterAll(async () => {
    await database?.drop();
  });

  /** What the attendance page shows for every session of the period, added up. */
  async function fromAttendancePages(from: Date, to: Date) {
    const sum = { conferences: 0, lessons: 0, participants: 0, personMs: 0, present: 0, late: 0, absent: 0 };
    const byDistrict = new Map<string, { present: number; late: number; absent: number }>();
    for (const eventId of eventIds) {
      const listed = (await loadEventAttendance(db, eventId, { now: NOW }))!;
      for (const session of listed.sessions.filter((s) => s.startsAt >= from && s.startsAt < to)) {
        const { event, summary } = (await loadEventAttendance(db, eventId, { sessionStart: session.startsAt, now: NOW }))!;
        if (event.kind === "CONFERENCE") sum.conferences++;
        else sum.lessons++;
        const came = summary.people.filter((p) => p.joins > 0);
        sum.participants += came.length;
        sum.personMs += came.reduce((total, p) => total + p.durationMs, 0);
        for (const bp of summary.bridgePoints) sum[bp.status]++;
        for (const d of summary.districts) {
          const row = byDistrict.get(d.district) ?? { present: 0, late: 0, absent: 0 };
          byDistrict.set(d.district, { present: row.present + d.present, late: row.late + d.late, absent: row.absent + d.absent });
        }
      }
    }
    return { ...sum, byDistrict };
  }

  it("counts the sessions, participants, person-hours and bridge point attendance the attendance pages show", async () => {
    const stats = await loadStatistics(db, { ...OCTOBER, groupBy: "district" }, { districtId: null, now: NOW });
    const period = resolvePeriod(OCTOBER, NOW);
    const pages = await fromAttendancePages(period.from, period.to);

    expect(stats.totals.conferences).toBe(2);
    expect(stats.totals.conferences).toBe(pages.conferences);
    expect(stats.totals.lessons).toBe(pages.lessons);
    expect(stats.totals.lessons).toBeGreaterThan(4);
    expect(stats.totals.participants).toBe(pages.participants);
    expect(stats.totals.participants).toBe(4 + 2 + 4 + 1);
    expect(stats.totals.personHours).toBeCloseTo(pages.personMs / 3_600_000, 1);
    expect(stats.totals.attendance).toEqual({ present: pages.present, late: pages.late, absent: pages.absent });
    expect(stats.totals.attendance).toEqual({ present: 3, late: 1, absent: 9 });
    for (const row of stats.rows.filter((r) => r.attendance && r.attendance.present + r.attendance.late + r.attendance.absent > 0)) {
      expect(row.attendance, row.label ?? "").toEqual(pages.byDistrict.get(row.label!));
    }
  });

  it("counts the published materials the library lists for the period, and the views it ranks by", async () => {
    const stats = await loadStatistics(db, { ...OCTOBER, groupBy: "district" }, { districtId: null, now: NOW });
    const listed = await searchVisibleMaterials(db, staff, { from: "2026-10-01", to: "2026-10-31" });
    const publishedListed = listed.items.filter((item) => item.published);
    expect(stats.totals.materialsPublished).toBe(publishedListed.length);
    expect(stats.totals.materialsPublished).toBe(2);
    // Every view of these materials happened in October: the library's view counts are the period's.
    expect(stats.totals.views).toBe(listed.items.reduce((total, item) => total + item.viewCount, 0));
    expect(stats.totals.views).toBe(2);
    expect(stats.totals.watchMinutes).toBeCloseTo((50 + 40 + 20) / 60, 1);
    expect(stats.totals.recordings).toBe(1);
    expect(stats.totals.recordedHours).toBe(3);
  });

  it("agrees district by district with the library's district filter", async () => {
    const stats = await loadStatistics(db, { ...OCTOBER, groupBy: "district" }, { districtId: null, now: NOW });
    for (const [name, id] of districtIds) {
      const listed = await searchVisibleMaterials(db, staff, { from: "2026-10-01", to: "2026-10-31", district: id });
      const row = stats.rows.find((r) => r.key === id);
      expect(row?.materialsPublished ?? 0, name).toBe(listed.items.filter((item) => item.published).length);
    }
  });

  it("for one district, keeps to the district: its sessions, its bridge points and its materials", async () => {
    const camLo = districtIds.get("Cam Lộ")!;
    const stats = await loadStatistics(db, { ...OCTOBER, groupBy: "district" }, { districtId: camLo, now: NOW });
    expect(stats.totals.conferences).toBe(1);
    expect(stats.totals.lessons).toBe(0);
    expect(stats.bridgePoints.map((b) => b.district)).toEqual(["Cam Lộ"]);
    expect(stats.totals.attendance).toEqual({ present: 0, late: 1, absent: 0 });
    expect(stats.rows.map((r) => r.key)).toEqual([camLo]);
    expect(stats.totals.materialsPublished).toBe(1);
  });

  it("breaks lessons down by subject and grade, and counts nothing after the period or before it started", async () => {
    const bySubject = await loadStatistics(db, { ...OCTOBER, groupBy: "subject" }, { districtId: null, now: NOW });
    const toan = bySubject.rows.find((r) => r.key === "Toán")!;
    expect(toan.lessons).toBe(bySubject.totals.lessons);
    expect(toan.conferences).toBe(0);
    expect(bySubject.rows.find((r) => r.key === null)!.conferences).toBe(2);
    const september = await loadStatistics(db, { period: "month", date: "2026-09-10", groupBy: "grade" }, { districtId: null, now: NOW });
    expect(september.totals).toMatchObject({ conferences: 0, lessons: 0, participants: 0, views: 0, materialsPublished: 0 });
    expect(september.trend).toHaveLength(30);
  });

  it("draws the trend by day for a month and by month for a school year, adding up to the totals", async () => {
    const month = await loadStatistics(db, { ...OCTOBER, groupBy: "district" }, { districtId: null, now: NOW });
    expect(month.trend).toHaveLength(31);
    expect(month.trend.reduce((n, p) => n + p.lessons, 0)).toBe(month.totals.lessons);
    expect(month.trend.reduce((n, p) => n + p.views, 0)).toBe(month.totals.views);
    const year = await loadStatistics(db, { period: "school-year", date: "2026-10-15", groupBy: "district" }, { districtId: null, now: NOW });
    expect(year.period).toMatchObject({ firstDay: "2026-09-01", lastDay: "2027-08-31", bucket: "month" });
    expect(year.trend.map((p) => p.bucket).slice(0, 3)).toEqual(["2026-09-01", "2026-10-01", "2026-11-01"]);
    expect(year.trend.find((p) => p.bucket === "2026-10-01")!.participants).toBe(month.totals.participants);
    expect(year.totals.participants).toBe(month.totals.participants + 1);
  });

  it("attributes a conference to each district taking part but counts it once in the totals", async () => {
    const stats: TStatistics = await loadStatistics(db, { ...OCTOBER, groupBy: "district" }, { districtId: null, now: NOW });
    const rowsWithConference = stats.rows.filter((r) => r.conferences > 0);
    expect(rowsWithConference.length).toBe(9);
    expect(stats.rows.find((r) => r.label === "Vĩnh Linh")!.conferences).toBe(2);
    expect(stats.totals.conferences).toBe(2);
  });

  it("counts a connection reported after a session's figures were kept (they are counted again)", async () => {
    const before = await loadStatistics(db, { ...OCTOBER, groupBy: "district" }, { districtId: null, now: NOW });
    expect(await db.sessionFigures.count()).toBeGreaterThan(0);
    const conference = await db.event.findUniqueOrThrow({ where: { roomName: "demo-hoi-nghi-trien-khai-nam-hoc" } });
    const haiLang = await db.user.findFirstOrThrow({ where: { role: "BRIDGE_POINT", district: { name: "Hải Lăng" } } });
    await db.attendance.create({
      data: { eventId: conference.id, userId: haiLang.id, displayName: haiLang.name, bridgePointId: haiLang.bridgePointId, peerId: "peer-late-report", joinedAt: minutes(conference.startsAt, 5), leftAt: minutes(conference.startsAt, 65) },
    });
    const after = await loadStatistics(db, { ...OCTOBER, groupBy: "district" }, { districtId: null, now: NOW });
    expect(after.totals.participants).toBe(before.totals.participants + 1);
    expect(after.totals.personHours).toBeCloseTo(before.totals.personHours + 1, 2);
    expect(after.totals.attendance.present).toBe(before.totals.attendance.present + 1);
  });
});

describe("statistics of long periods read whole past months from roll-ups", () => {
  let database: TestDatabase;
  let db: Db;
  let lessonId: string;
  let teacher: { id: string; role: "TEACHER" };
  // Drawn by month (more than 62 days): August, September and October are over by NOW.
  const THREE_MONTHS = { period: "range" as const, from: "2026-08-01", to: "2026-10-31", groupBy: "district" as const };
  const load = () => loadStatistics(db, THREE_MONTHS, { districtId: null, now: NOW });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await seedDemo(db, SEEDED_AT);
    const lesson = await db.event.findUniqueOrThrow({ where: { roomName: "demo-lop-toan-9a" } });
    lessonId = lesson.id;
    const host = await db.user.findUniqueOrThrow({ where: { id: lesson.hostId } });
    teacher = { id: host.id, role: "TEACHER" };
    const students = await db.user.findMany({ where: { role: "STUDENT" }, orderBy: { email: "asc" } });
    const sessions = (await loadEventAttendance(db, lessonId, { now: NOW }))!.sessions.map((s) => s.startsAt).filter((s) => s < NOW).reverse();
    let peer = 0;
    for (const [i, session] of sessions.entries()) {
      for (const student of students.slice(0, 1 + (i % students.length))) {
        await db.attendance.create({
          data: { eventId: lessonId, userId: student.id, displayName: student.name, peerId: `peer-${++peer}`, joinedAt: minutes(session, i % 7), leftAt: minutes(session, 40) },
        });
      }
    }
    const material = await db.material.create({ data: { title: "Ôn tập", ownerId: host.id, published: true, visibility: "PUBLIC", createdAt: new Date("2026-10-06T01:00:00Z") } });
    for (const [i, student] of students.entries()) {
      for (let beat = 0; beat < 2 + i; beat++) {
        await recordViewHeartbeat(db, {
          materialId: material.id,
          viewer: { id: student.id, role: "STUDENT" },
          client: { address: "10.0.0.9", userAgent: "test" },
          body: { playedSec: 10 },
          now: new Date(Date.parse("2026-10-07T12:00:00Z") + i * 86_400_000 + beat * 10_000),
        });
      }
    }
  }, 180_000);

  afterAll(async () => {
    await database?.drop();
  });

  /** The same three months counted session by session and view by view: one month at a time, drawn by day. */
  async function monthByMonth() {
    const months = await Promise.all(
      ["2026-08-15", "2026-09-15", "2026-10-15"].map((date) => loadStatistics(db, { period: "month", date, groupBy: "district" }, { districtId: null, now: NOW })),
    );
    const total = (pick: (s: TStatistics) => number) => months.reduce((sum, s) => sum + pick(s), 0);
    return { months, total };
  }

  it("agrees with the months counted one by one, district by district, and reads them from the roll-ups once made", async () => {
    await db.eventMonthFigures.deleteMany();
    await db.viewMonthRollup.deleteMany();
    const first = await load();
    expect(first.period.bucket).toBe("month");
    expect((await db.viewMonthRollup.findMany()).map((r) => r.month.toISOString().slice(0, 10))).toEqual(["2026-08-01", "2026-09-01", "2026-10-01"]);
    expect(await db.eventMonthFigures.count()).toBeGreaterThan(0);

    const { months, total } = await monthByMonth();
    expect(first.totals.lessons).toBeGreaterThan(4);
    expect(first.totals.participants).toBeGreaterThan(4);
    expect(first.totals.views).toBe(3);
    for (const figure of ["conferences", "lessons", "participants", "recordings", "materialsPublished", "views"] as const) {
      expect(first.totals[figure], figure).toBe(total((s) => s.totals[figure]));
    }
    for (const figure of ["conferenceHours", "lessonHours", "personHours", "recordedHours", "watchMinutes"] as const) {
      expect(first.totals[figure], figure).toBeCloseTo(total((s) => s.totals[figure]), 1);
    }
    expect(first.totals.attendance).toEqual({
      present: total((s) => s.totals.attendance.present),
      late: total((s) => s.totals.attendance.late),
      absent: total((s) => s.totals.attendance.absent),
    });
    for (const row of first.rows) {
      const parts = months.map((s) => s.rows.find((r) => r.key === row.key));
      expect(row.lessons, row.label ?? "").toBe(parts.reduce((n, r) => n + (r?.lessons ?? 0), 0));
      expect(row.participants, row.label ?? "").toBe(parts.reduce((n, r) => n + (r?.participants ?? 0), 0));
      expect(row.views, row.label ?? "").toBe(parts.reduce((n, r) => n + (r?.views ?? 0), 0));
    }
    expect(first.trend.map((p) => p.bucket)).toEqual(["2026-08-01", "2026-09-01", "2026-10-01"]);
    expect(first.trend.map((p) => p.participants)).toEqual(months.map((s) => s.totals.participants));

    expect(await load()).toEqual(first);
    // What a second reading counts comes from the roll-ups: a changed one shows.
    await db.eventMonthFigures.updateMany({ where: { eventId: lessonId }, data: { participants: { increment: 100 } } });
    await db.materialMonthViews.updateMany({ data: { views: { increment: 10 } } });
    const tampered = await load();
    expect(tampered.totals.participants).toBeGreaterThan(first.totals.participants + 99);
    expect(tampered.totals.views).toBe(first.totals.views + 10);
    await db.eventMonthFigures.deleteMany();
    await db.viewMonthRollup.deleteMany();
    expect(await load()).toEqual(first);
  });

  it("counts a past month again when one of its connections is written or deleted", async () => {
    const before = await load();
    const october = (await loadEventAttendance(db, lessonId, { now: NOW }))!.sessions.map((s) => s.startsAt)
      .find((s) => s >= new Date("2026-10-20T00:00:00+07:00") && s < new Date("2026-11-01T00:00:00+07:00"))!;
    const newcomer = await db.user.create({ data: { email: "hs.moi@diemcau.local", name: "Học sinh mới", passwordHash: "x", role: "STUDENT" } });
    const late = await db.attendance.create({
      data: { eventId: lessonId, userId: newcomer.id, displayName: newcomer.name, peerId: "peer-late", joinedAt: minutes(october, 5), leftAt: minutes(october, 35) },
    });
    expect(await db.eventMonthFigures.findUnique({ where: { eventId_month: { eventId: lessonId, month: new Date("2026-10-01") } } })).toBeNull();
    const after = await load();
    expect(after.totals.participants).toBe(before.totals.participants + 1);
    expect(after.totals.personHours).toBeCloseTo(before.totals.personHours + 0.5, 2);
    await db.attendance.delete({ where: { id: late.id } });
    expect(await load()).toEqual(before);
  });

  it("counts a past month again when a view of it is written", async () => {
    const before = await load();
    const material = await db.material.findFirstOrThrow({ where: { title: "Ôn tập" } });
    for (let beat = 0; beat < 3; beat++) {
      await recordViewHeartbeat(db, { materialId: material.id, viewer: null, client: { address: "10.0.0.10", userAgent: "test" }, body: { playedSec: 10 }, now: new Date(Date.parse("2026-10-25T12:00:00Z") + beat * 10_000) });
    }
    expect(await db.viewMonthRollup.findUnique({ where: { month: new Date("2026-10-01") } })).toBeNull();
    const after = await load();
    expect(after.totals.views).toBe(before.totals.views + 1);
    expect(after.totals.watchMinutes).toBeCloseTo(before.totals.watchMinutes + 0.5, 1);
  });

  it("counts a past month again when its series changes (a lesson cancelled)", async () => {
    const before = await load();
    const sessions = (await loadEventAttendance(db, lessonId, { now: NOW }))!.sessions.map((s) => s.startsAt);
    const october = sessions.filter((s) => s >= new Date("2026-10-01T00:00:00+07:00") && s < new Date("2026-11-01T00:00:00+07:00"));
    const lastInOctober = october.sort((a, b) => a.getTime() - b.getTime()).at(-1)!;
    const deps = { enqueueMail: async () => {}, baseUrl: "http://localhost:3000" };
    await changeOccurrence(db, lessonId, teacher, { action: "cancel", originalStartsAt: lastInOctober.toISOString() }, deps, minutes(lastInOctober, -60 * 24));
    const after = await load();
    expect(after.totals.lessons).toBe(before.totals.lessons - 1);
    const { total } = await monthByMonth();
    expect(after.totals.lessons).toBe(total((s) => s.totals.lessons));
    expect(after.totals.participants).toBe(total((s) => s.totals.participants));
  });
});

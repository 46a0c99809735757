import { seedDemo } from "@diemcau/db";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWeeklySeries } from "@diemcau/calendar/recurrence";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { regenerateCalendarToken } from "./calendar-token";
import { serveCalendarFeed } from "./serve-calendar-feed";

const BASE = "https://diemcau.example.vn";
const NOW = new Date("2026-09-01T00:00:00Z");

/** Parses with ical.js, registering the feed's own VTIMEZONE as a calendar app does. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

function occurrences(event: ICAL.Event, limit = 200): Date[] {
  const iterator = event.iterator();
  const result: Date[] = [];
  for (let next = iterator.next(); next && result.length < limit; next = iterator.next()) result.push(next.toJSDate());
  return result;
}

describe("calendar feed, parsed with ical.js", () => {
  let database: TestDatabase;
  let teacherToken: string;
  let bridgePointToken: string;
  let studentToken: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    await seedDemo(db, NOW);
    const teacher = await db.user.findUniqueOrThrow({ where: { email: "gv.lan@diemcau.local" } });
    const course = await db.course.findFirstOrThrow({ where: { teacherId: teacher.id } });
    // Tuesdays and Thursdays 19:30–20:15 for four weeks, without the holiday of 17/09/2026.
    const series = buildWeeklySeries({
      weekdays: [2, 4],
      firstDate: "2026-09-08",
      lastDate: "2026-10-01",
      startTime: "19:30",
      durationMinutes: 45,
      exceptionDates: ["2026-09-17"],
    })!;
    const { startsAt, endsAt, rrule, seriesEndsAt } = series;
    await db.event.create({
      data: { kind: "CLASS", title: "Ngữ văn 9A — Truyện Kiều", hostId: teacher.id, courseId: course.id, startsAt, endsAt, rrule, seriesEndsAt },
    });
    const dongHa = await db.user.findUniqueOrThrow({ where: { email: "dongha@diemcau.local" } });
    const conference = await db.event.findUniqueOrThrow({ where: { roomName: "demo-hoi-nghi-trien-khai-nam-hoc" } });
    await db.event.update({ where: { id: conference.id }, data: { status: "CANCELLED" } });
    teacherToken = await regenerateCalendarToken(db, teacher.id);
    bridgePointToken = await regenerateCalendarToken(db, dongHa.id);
    const student = await db.user.findUniqueOrThrow({ where: { email: "hs.minh@diemcau.local" } });
    studentToken = await regenerateCalendarToken(db, student.id);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("gives a teacher's series in Asia/Ho_Chi_Minh with its VTIMEZONE, RRULE and EXDATE", async () => {
    const response = await serveCalendarFeed(database.db, `${teacherToken}.ics`, { baseUrl: BASE, now: NOW });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    const { calendar, events } = parse(text);

    expect(calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["Asia/Ho_Chi_Minh"]);
    expect(events.map((e) => e.summary).sort()).toEqual(["Ngữ văn 9A — Truyện Kiều", "Toán 9A — Phương trình bậc hai một ẩn"]);

    const series = events.find((e) => e.summary.startsWith("Ngữ văn"))!;
    expect(series.component.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Asia/Ho_Chi_Minh");
    expect(series.startDate.zone!.tzid).toBe("Asia/Ho_Chi_Minh");
    expect(series.startDate.toString()).toBe("2026-09-08T19:30:00");
    expect(series.startDate.toJSDate().toISOString()).toBe("2026-09-08T12:30:00.000Z");
    expect(series.endDate.toJSDate().toISOString()).toBe("2026-09-08T13:15:00.000Z");
    expect(series.isRecurring()).toBe(true);
    const dates = occurrences(series).map((d) => d.toISOString());
    // 8 Tuesdays/Thursdays from 08/09 to 01/10, less the holiday.
    expect(dates).toHaveLength(7);
    expect(dates).not.toContain("2026-09-17T12:30:00.000Z");
    expect(dates.at(-1)).toBe("2026-10-01T12:30:00.000Z");

    expect(series.organizer).toBe("mailto:gv.lan@diemcau.local");
    expect(series.component.getFirstPropertyValue("url")).toMatch(new RegExp(`^${BASE}/phong/`));
    expect(series.description).toContain("Tham gia: https://diemcau.example.vn/phong/");
  });

  it("gives a bridge point its conferences, a cancelled one with STATUS:CANCELLED", async () => {
    const { events } = parse(await (await serveCalendarFeed(database.db, `${bridgePointToken}.ics`, { baseUrl: BASE, now: NOW })).text());
    // Đông Hà takes part in the all-district conference only (the training covers four mountain and coastal districts).
    expect(events).toHaveLength(1);
    const [conference] = events;
    expect(conference!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(conference!.startDate.zone!.tzid).toBe("Asia/Ho_Chi_Minh");
    expect(conference!.startDate.toString().slice(11)).toBe("08:00:00");
    expect(conference!.organizer).toBe("mailto:canbo@diemcau.local");
  });

  it("gives a student their class's lessons", async () => {
    const { events } = parse(await (await serveCalendarFeed(database.db, studentToken, { baseUrl: BASE, now: NOW })).text());
    expect(events.map((e) => e.summary).sort()).toEqual(["Ngữ văn 9A — Truyện Kiều", "Toán 9A — Phương trình bậc hai một ẩn"]);
  });

  it("answers 404 for an unknown token, and for the old one after regeneration", async () => {
    expect((await serveCalendarFeed(database.db, "x".repeat(32) + ".ics", { baseUrl: BASE, now: NOW })).status).toBe(404);
    expect((await serveCalendarFeed(database.db, "../etc/passwd", { baseUrl: BASE, now: NOW })).status).toBe(404);
    const student = await database.db.user.findUniqueOrThrow({ where: { email: "hs.minh@diemcau.local" } });
    const fresh = await regenerateCalendarToken(database.db, student.id);
    expect((await serveCalendarFeed(database.db, `${studentToken}.ics`, { baseUrl: BASE, now: NOW })).status).toBe(404);
    const current = await serveCalendarFeed(database.db, `${fresh}.ics`, { baseUrl: BASE, now: NOW });
    expect(current.status).toBe(200);
    // An unchanged feed answers a client's conditional request with 304 and no body.
    const etag = current.headers.get("etag");
    const again = await serveCalendarFeed(database.db, `${fresh}.ics`, { baseUrl: BASE, now: NOW, ifNoneMatch: etag });
    expect(again.status).toBe(304);
    await database.db.event.updateMany({ where: { roomName: "demo-lop-toan-9a" }, data: { title: "Toán 9A — Hệ thức Vi-ét" } });
    const changed = await serveCalendarFeed(database.db, `${fresh}.ics`, { baseUrl: BASE, now: NOW, ifNoneMatch: etag });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Hệ thức Vi-ét");
  });
});

import { seedDemo, type Db } from "@diemcau/db";
import type { TScheduleMailJob } from "@diemcau/protocol";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toApiResponse } from "../api/to-api-response";
import { regenerateCalendarToken } from "../calendar/calendar-token";
import { serveCalendarFeed } from "../calendar/serve-calendar-feed";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { changeOccurrence } from "./change-occurrence";
import { editSeriesFrom } from "./edit-series-from";
import { listSchedule } from "./list-schedule";
import { overridesSelect } from "@diemcau/calendar/override-select";
import { expandOccurrences } from "@diemcau/calendar/recurrence";

const BASE = "https://diemcau.example.vn";
const NOW = new Date("2026-09-01T00:00:00Z");
const DAY = 86_400_000;

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar;
}

/** The occurrences a calendar app shows for one UID: the series with its exceptions related, as ical.js does. */
function appOccurrences(calendar: ICAL.Component, uid: string, until: Date): string[] {
  const vevents = calendar.getAllSubcomponents("vevent").filter((v) => v.getFirstPropertyValue("uid") === uid);
  const master = new ICAL.Event(vevents.find((v) => !v.hasProperty("recurrence-id"))!);
  for (const exception of vevents.filter((v) => v.hasProperty("recurrence-id"))) master.relateException(new ICAL.Event(exception));
  const iterator = master.iterator();
  const result: string[] = [];
  for (let next = iterator.next(); next && next.toJSDate() < until; next = iterator.next()) {
    result.push(master.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
  }
  return result;
}

describe("cancelling and moving lessons of a series, on a real database", () => {
  let database: TestDatabase;
  let db: Db;
  let lessonId: string;
  let teacher: { id: string; role: "TEACHER" };
  let student: { id: string; role: "STUDENT"; bridgePointId: null };
  const mails: TScheduleMailJob[] = [];
  const deps = { enqueueMail: async (job: TScheduleMailJob) => void mails.push(job), baseUrl: BASE };
  const lessons = async () => {
    const event = await db.event.findUniqueOrThrow({ where: { id: lessonId }, include: { overrides: overridesSelect } });
    return expandOccurrences(event, NOW, new Date(NOW.getTime() + 30 * DAY));
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await seedDemo(db, NOW);
    lessonId = (await db.event.findUniqueOrThrow({ where: { roomName: "demo-lop-toan-9a" } })).id;
    teacher = { id: (await db.user.findUniqueOrThrow({ where: { email: "gv.lan@diemcau.local" } })).id, role: "TEACHER" };
    student = { id: (await db.user.findUniqueOrThrow({ where: { email: "hs.minh@diemcau.local" } })).id, role: "STUDENT", bridgePointId: null };
  });
  afterAll(() => database?.drop());

  it("moves one lesson: students' schedule, the feed (RECURRENCE-ID) and each student's e-mail invitation follow", async () => {
    const [, second, third] = await lessons();
    mails.length = 0;
    // The second lesson moves to the next morning, 08:00–09:00.
    const nextDay = new Date(second!.startsAt.getTime() + DAY).toISOString().slice(0, 10);
    const response = await toApiResponse(() =>
      changeOccurrence(db, lessonId, teacher, { action: "move", originalStartsAt: second!.startsAt.toISOString(), date: nextDay, startTime: "08:00", durationMinutes: 60 }, deps, NOW),
    );
    expect(response.status).toBe(200);
    const movedTo = new Date(`${nextDay}T01:00:00.000Z`);

    const schedule = await listSchedule(db, student, NOW, new Date(NOW.getTime() + 30 * DAY));
    const mine = schedule.filter((item) => item.eventId === lessonId);
    expect(mine.map((item) => item.startsAt.toISOString())).not.toContain(second!.startsAt.toISOString());
    expect(mine.find((item) => item.startsAt.getTime() === movedTo.getTime())).toMatchObject({ movedFrom: second!.startsAt, status: "SCHEDULED" });
    expect(mine.some((item) => item.startsAt.getTime() === third!.startsAt.getTime())).toBe(true);

    const token = await regenerateCalendarToken(db, student.id);
    const feed = parseCalendar(await (await serveCalendarFeed(db, `${token}.ics`, { baseUrl: BASE, now: NOW })).text());
    const uid = `${lessonId}@diemcau`;
    const exception = feed.getAllSubcomponents("vevent").find((v) => v.getFirstPropertyValue("uid") === uid && v.hasProperty("recurrence-id"))!;
    expect(new ICAL.Event(exception).recurrenceId!.toJSDate().toISOString()).toBe(second!.startsAt.toISOString());
    const shown = appOccurrences(feed, uid, new Date(third!.startsAt.getTime() + 1));
    expect(shown).toContain(movedTo.toISOString());
    expect(shown).not.toContain(second!.startsAt.toISOString());

    // One mail per student of the class; the teacher made the change, so none to her.
    expect(mails.map((m) => m.to.email).sort()).toEqual(["hs.bao@diemcau.local", "hs.linh@diemcau.local", "hs.mai@diemcau.local", "hs.minh@diemcau.local"]);
    const invitation = parseCalendar(mails[0]!.calendar.content);
    expect(invitation.getFirstPropertyValue("method")).toBe("REQUEST");
    const vevent = new ICAL.Event(invitation.getFirstSubcomponent("vevent")!);
    expect(vevent.uid).toBe(uid);
    expect(vevent.recurrenceId!.toJSDate().toISOString()).toBe(second!.startsAt.toISOString());
    expect(vevent.startDate.toJSDate().toISOString()).toBe(movedTo.toISOString());
    expect(vevent.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([`mailto:${mails[0]!.to.email}`]);
    expect(mails[0]!.text).toContain("được dời sang 08:00");
  });

  it("cancels one lesson: EXDATE in the feed, shown as cancelled to students, METHOD:CANCEL by e-mail", async () => {
    const [, , third] = await lessons();
    mails.length = 0;
    expect((await toApiResponse(() => changeOccurrence(db, lessonId, teacher, { action: "cancel", originalStartsAt: third!.startsAt.toISOString() }, deps, NOW))).status).toBe(200);
    const schedule = await listSchedule(db, student, NOW, new Date(NOW.getTime() + 30 * DAY));
    expect(schedule.find((item) => item.eventId === lessonId && item.startsAt.getTime() === third!.startsAt.getTime())?.status).toBe("CANCELLED");
    expect((await lessons()).map((o) => o.startsAt.getTime())).not.toContain(third!.startsAt.getTime());

    const token = await regenerateCalendarToken(db, student.id);
    const text = await (await serveCalendarFeed(db, `${token}.ics`, { baseUrl: BASE, now: NOW })).text();
    const feed = parseCalendar(text);
    const master = feed.getAllSubcomponents("vevent").find((v) => v.getFirstPropertyValue("uid") === `${lessonId}@diemcau` && !v.hasProperty("recurrence-id"))!;
    expect(master.getAllProperties("exdate").map((p) => (p.getFirstValue() as ICAL.Time).toJSDate().toISOString())).toContain(third!.startsAt.toISOString());
    expect(appOccurrences(feed, `${lessonId}@diemcau`, new Date(third!.startsAt.getTime() + DAY))).not.toContain(third!.startsAt.toISOString());

    const invitation = parseCalendar(mails[0]!.calendar.content);
    expect(invitation.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(mails[0]!.calendar.method).toBe("CANCEL");
    const vevent = invitation.getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect((vevent.getFirstPropertyValue("recurrence-id") as ICAL.Time).toJSDate().toISOString()).toBe(third!.startsAt.toISOString());
  });

  it("refuses a move onto another booking of the teacher, a lesson that is not in the series, and a student", async () => {
    const [first] = await lessons();
    const conference = await db.event.create({
      data: { kind: "CONFERENCE", title: "Họp tổ chuyên môn", hostId: teacher.id, startsAt: new Date("2026-09-20T01:00:00Z"), endsAt: new Date("2026-09-20T03:00:00Z") },
    });
    const clash = await toApiResponse(() =>
      changeOccurrence(db, lessonId, teacher, { action: "move", originalStartsAt: first!.startsAt.toISOString(), date: "2026-09-20", startTime: "09:00", durationMinutes: 45 }, deps, NOW),
    );
    expect(clash.status).toBe(409);
    expect((await clash.json()).error.code).toBe("OCCURRENCE_CLASH");
    await db.event.delete({ where: { id: conference.id } });
    const notALesson = await toApiResponse(() => changeOccurrence(db, lessonId, teacher, { action: "cancel", originalStartsAt: new Date(first!.startsAt.getTime() + 3_600_000).toISOString() }, deps, NOW));
    expect(notALesson.status).toBe(404);
    const byStudent = await toApiResponse(() => changeOccurrence(db, lessonId, { id: student.id, role: "STUDENT" }, { action: "cancel", originalStartsAt: first!.startsAt.toISOString() }, deps, NOW));
    expect(byStudent.status).toBe(403);
  });

  it("changes the series from a date on: earlier lessons stay, later ones follow the new plan, in views and feeds", async () => {
    mails.length = 0;
    const response = await toApiResponse(() =>
      editSeriesFrom(
        db,
        lessonId,
        teacher,
        { title: "Toán 9A — Hệ phương trình", weekdays: [1, 3], firstDate: "2026-09-14", lastDate: "2026-10-31", startTime: "18:00", durationMinutes: 60, exceptionDates: [] },
        deps,
        NOW,
      ),
    );
    expect(response.status).toBe(200);
    const { id: newId, split } = (await response.json()) as { id: string; split: boolean };
    expect(split).toBe(true);
    const schedule = await listSchedule(db, student, NOW, new Date("2026-10-01T00:00:00Z"));
    const before = schedule.filter((item) => item.eventId === lessonId && item.status !== "CANCELLED");
    const after = schedule.filter((item) => item.eventId === newId);
    // Tuesdays and Thursdays at 19:30 until the 14th, then Mondays and Wednesdays at 18:00.
    expect(before.every((item) => item.startsAt < new Date("2026-09-13T17:00:00Z"))).toBe(true);
    expect(before.length).toBeGreaterThan(0);
    expect(after[0]!.startsAt.toISOString()).toBe("2026-09-14T11:00:00.000Z");
    expect(after.every((item) => item.title === "Toán 9A — Hệ phương trình")).toBe(true);

    const token = await regenerateCalendarToken(db, student.id);
    const feed = parseCalendar(await (await serveCalendarFeed(db, `${token}.ics`, { baseUrl: BASE, now: NOW })).text());
    expect(appOccurrences(feed, `${lessonId}@diemcau`, new Date("2026-12-31T00:00:00Z")).every((at) => at < "2026-09-13T17:00:00.000Z")).toBe(true);
    expect(appOccurrences(feed, `${newId}@diemcau`, new Date("2026-09-17T00:00:00Z"))).toEqual(["2026-09-14T11:00:00.000Z", "2026-09-16T11:00:00.000Z"]);
    // Each student gets the new series and the old one as it now ends.
    expect(mails.filter((m) => m.to.email === "hs.minh@diemcau.local").map((m) => m.subject)).toEqual([
      "Lịch học thay đổi: Toán 9A — Hệ phương trình",
      "Lịch học thay đổi: Toán 9A — Phương trình bậc hai một ẩn",
    ]);
  });
});

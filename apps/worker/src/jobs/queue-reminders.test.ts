import { buildWeeklySeries } from "@diemcau/calendar/recurrence";
import type { Db } from "@diemcau/db";
import { JOB_QUEUES } from "@diemcau/protocol";
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerConfig } from "../config";
import { startWorkerProcess, type WorkerProcess } from "../worker-process";
import { queueReminders, type ReminderDeps } from "./queue-reminders";
import { useJobTestBed } from "./testing/job-test-bed";
import { calendarPartOf, startSmtpServer, type TestSmtpServer } from "./testing/smtp-server";

const PUBLIC_URL = "https://diemcau.example.vn";
const MAIL_FROM = "Điểm Cầu <diemcau@sgddt.test>";
// Tuesdays and Thursdays 19:30–20:15 (Asia/Ho_Chi_Minh, 12:30Z) from Tuesday 02/03/2027; far
// enough from the clock that the worker's own minute sweep never finds them.
const TUESDAY_LESSON = new Date("2027-03-02T12:30:00Z");
const THURSDAY_LESSON = new Date("2027-03-04T12:30:00Z");
const CANCELLED_LESSON = new Date("2027-03-09T12:30:00Z");
/** Thursday's lesson moved to Wednesday 03/03/2027 08:00–08:45 in Vietnam. */
const MOVED_TO = { startsAt: new Date("2027-03-03T01:00:00Z"), endsAt: new Date("2027-03-03T01:45:00Z") };
const minutesBefore = (at: Date, minutes: number) => new Date(at.getTime() - minutes * 60_000);

type TPeople = Record<"teacher" | "student" | "disabledStudent" | "staff" | "room", { id: string; email: string }>;

async function makePeopleAndEvents(db: Db): Promise<{ people: TPeople; lessonId: string; conferenceId: string }> {
  const organization = await db.organization.create({ data: { name: "Sở Giáo dục và Đào tạo" } });
  const district = await db.district.create({ data: { name: "Huyện Cam Lộ", organizationId: organization.id } });
  const bridgePoint = await db.bridgePoint.create({ data: { name: "Điểm cầu Cam Lộ", districtId: district.id } });
  const user = (email: string, name: string, role: "TEACHER" | "STUDENT" | "STAFF" | "BRIDGE_POINT", extra = {}) =>
    db.user.create({ data: { email, name, role, passwordHash: "x", ...extra }, select: { id: true, email: true } });
  const people: TPeople = {
    teacher: await user("gv.lan@diemcau.test", "Cô Lan", "TEACHER"),
    student: await user("hs.minh@diemcau.test", "Nguyễn Văn Minh", "STUDENT"),
    disabledStudent: await user("hs.nghi@diemcau.test", "Trần Thị Nghỉ", "STUDENT", { disabledAt: new Date("2027-01-01T00:00:00Z") }),
    staff: await user("cv.hoa@diemcau.test", "Chuyên viên Hoa", "STAFF"),
    room: await user("phong.camlo@diemcau.test", "Phòng họp Cam Lộ", "BRIDGE_POINT", { bridgePointId: bridgePoint.id }),
  };
  const course = await db.course.create({
    data: {
      name: "Toán 9A",
      subject: "Toán",
      grade: 9,
      schoolYear: "2026-2027",
      teacherId: people.teacher.id,
      enrollments: { create: [{ userId: people.student.id }, { userId: people.disabledStudent.id }] },
    },
  });
  const series = buildWeeklySeries({ weekdays: [2, 4], firstDate: "2027-03-02", lastDate: "2027-03-25", startTime: "19:30", durationMinutes: 45, exceptionDates: [] })!;
  const lesson = await db.event.create({
    data: {
      kind: "CLASS",
      title: "Toán 9A — Phương trình bậc hai",
      hostId: people.teacher.id,
      courseId: course.id,
      startsAt: series.startsAt,
      endsAt: series.endsAt,
      rrule: series.rrule,
      seriesEndsAt: series.seriesEndsAt,
      overrides: {
        create: [
          { originalStartsAt: THURSDAY_LESSON, ...MOVED_TO },
          { originalStartsAt: CANCELLED_LESSON, cancelled: true },
        ],
      },
    },
  });
  const conference = await db.event.create({
    data: {
      kind: "CONFERENCE",
      title: "Hội nghị triển khai nhiệm vụ năm học",
      hostId: people.staff.id,
      startsAt: new Date("2027-03-02T12:20:00Z"),
      endsAt: new Date("2027-03-02T13:30:00Z"),
      bridgePoints: { create: [{ bridgePointId: bridgePoint.id }] },
    },
  });
  await db.event.create({
    data: {
      kind: "CONFERENCE",
      title: "Hội nghị đã hủy",
      status: "CANCELLED",
      hostId: people.staff.id,
      startsAt: new Date("2027-03-02T12:25:00Z"),
      endsAt: new Date("2027-03-02T13:00:00Z"),
      bridgePoints: { create: [{ bridgePointId: bridgePoint.id }] },
    },
  });
  return { people, lessonId: lesson.id, conferenceId: conference.id };
}

/** The invitation of a mail as ical.js reads it, with the calendar's own VTIMEZONE registered as a calendar app does. */
function invitationOf(mail: ParsedMail) {
  const calendar = new ICAL.Component(ICAL.parse(calendarPartOf(mail)!));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevents = calendar.getAllSubcomponents("vevent");
  return { method: calendar.getFirstPropertyValue("method"), vevents, event: new ICAL.Event(vevents[0]!) };
}

/** Waits until pg-boss has finished every schedule.mail job (none waiting, running or to be retried). */
async function mailJobsDone(db: Db): Promise<number> {
  for (;;) {
    const rows = await db.$queryRaw<{ state: string; count: bigint }[]>`
      SELECT state::text, count(*) FROM pgboss.job WHERE name = ${JOB_QUEUES.scheduleMail.name} GROUP BY state`;
    const pending = rows.filter((r) => r.state !== "completed");
    if (pending.some((r) => r.state === "failed")) throw new Error("a reminder e-mail failed");
    if (pending.length === 0) return Number(rows.find((r) => r.state === "completed")?.count ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("reminder e-mails before each occurrence (real PostgreSQL, real queue, real SMTP server)", () => {
  const bed = useJobTestBed("diemcau-reminders-");
  let smtp: TestSmtpServer;
  let worker: WorkerProcess;
  let deps: ReminderDeps;
  let made: Awaited<ReturnType<typeof makePeopleAndEvents>>;
  const mailsTo = (email: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === email);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    worker = await startWorkerProcess(
      loadWorkerConfig({ DATABASE_URL: bed.databaseUrl, STORAGE_DIR: bed.root, SMTP_URL: smtp.url, MAIL_FROM, PUBLIC_URL, REMINDER_MINUTES_BEFORE: "30" }),
    );
    deps = { db: bed.db, boss: worker.boss, databaseUrl: bed.databaseUrl, publicUrl: PUBLIC_URL, leadMinutes: 30 };
    made = await makePeopleAndEvents(bed.db);
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
  });

  it("runs every minute while SMTP is configured", async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules.map((s) => s.name)).toContain(JOB_QUEUES.scheduleRemind.name);
  });

  it("mails the teacher and each enabled student of the lesson, and the host and the bridge point's room of the conference, once, even when two workers sweep at the same time", async () => {
    const now = minutesBefore(TUESDAY_LESSON, 25);
    const [first, second] = await Promise.all([queueReminders(deps, now), queueReminders(deps, now)]);
    expect(first.queued + second.queued).toBe(4);
    expect(first.failed + second.failed).toBe(0);
    expect(await queueReminders(deps, now)).toEqual({ queued: 0, failed: 0 });
    expect(await queueReminders(deps, minutesBefore(TUESDAY_LESSON, 24))).toEqual({ queued: 0, failed: 0 });

    expect(await mailJobsDone(bed.db)).toBe(4);
    expect(smtp.received).toHaveLength(4);
    const { teacher, student, disabledStudent, staff, room } = made.people;
    for (const person of [teacher, student, staff, room]) expect(mailsTo(person.email)).toHaveLength(1);
    expect(mailsTo(disabledStudent.email)).toHaveLength(0);
    expect(await bed.db.eventReminder.count()).toBe(4);
  });

  it("writes the reminder in Vietnamese with the time in Vietnam and the join link, with the lesson's invitation under its RECURRENCE-ID", async () => {
    const mail = mailsTo(made.people.student.email)[0]!;
    expect(mail.from?.text).toContain("diemcau@sgddt.test");
    expect(mail.subject).toBe('Nhắc lịch: buổi học "Toán 9A — Phương trình bậc hai" lúc 02/03/2027 19:30');
    expect(mail.text).toContain("bắt đầu lúc 02/03/2027 19:30 (giờ Việt Nam) và kết thúc lúc 20:15");
    expect(mail.text).toContain(`Tham gia: ${PUBLIC_URL}/phong/${made.lessonId}`);
    const { method, vevents, event } = invitationOf(mail);
    expect(method).toBe("REQUEST");
    expect(vevents).toHaveLength(1);
    expect(event.uid).toBe(`${made.lessonId}@diemcau`);
    expect(event.recurrenceId!.toJSDate()).toEqual(TUESDAY_LESSON);
    expect(event.startDate.toJSDate()).toEqual(TUESDAY_LESSON);
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([`mailto:${made.people.student.email}`]);
  });

  it("gives the conference's invitation without a RECURRENCE-ID", async () => {
    const mail = mailsTo(made.people.room.email)[0]!;
    expect(mail.subject).toBe('Nhắc lịch: hội nghị "Hội nghị triển khai nhiệm vụ năm học" lúc 02/03/2027 19:20');
    expect(mail.text).toContain("Điểm cầu: Điểm cầu Cam Lộ");
    const { method, event } = invitationOf(mail);
    expect(method).toBe("REQUEST");
    expect(event.uid).toBe(`${made.conferenceId}@diemcau`);
    expect(event.recurrenceId).toBeNull();
    expect(event.startDate.toJSDate()).toEqual(new Date("2027-03-02T12:20:00Z"));
  });

  it("follows a moved lesson to its new time, and sends nothing for a cancelled one", async () => {
    expect(await queueReminders(deps, minutesBefore(MOVED_TO.startsAt, 20))).toEqual({ queued: 2, failed: 0 });
    expect(await queueReminders(deps, minutesBefore(THURSDAY_LESSON, 20))).toEqual({ queued: 0, failed: 0 });
    expect(await queueReminders(deps, minutesBefore(CANCELLED_LESSON, 20))).toEqual({ queued: 0, failed: 0 });
    expect(await mailJobsDone(bed.db)).toBe(6);

    const moved = mailsTo(made.people.teacher.email);
    expect(moved).toHaveLength(2);
    expect(moved[1]!.subject).toContain("lúc 03/03/2027 08:00");
    const { event } = invitationOf(moved[1]!);
    expect(event.recurrenceId!.toJSDate()).toEqual(THURSDAY_LESSON);
    expect(event.startDate.toJSDate()).toEqual(MOVED_TO.startsAt);
    expect(event.endDate.toJSDate()).toEqual(MOVED_TO.endsAt);
  });
});

describe("reminders switched off", () => {
  const bed = useJobTestBed("diemcau-no-reminders-");
  const scheduled = async (env: Record<string, string>) => {
    const worker = await startWorkerProcess(loadWorkerConfig({ DATABASE_URL: bed.databaseUrl, STORAGE_DIR: bed.root, ...env }));
    try {
      return (await worker.boss.getSchedules()).map((s) => s.name);
    } finally {
      await worker.stop();
    }
  };

  it("never sweeps without SMTP, nor with REMINDER_MINUTES_BEFORE=0", async () => {
    const smtp = await startSmtpServer();
    try {
      expect(await scheduled({ SMTP_URL: smtp.url, MAIL_FROM })).toContain(JOB_QUEUES.scheduleRemind.name);
      expect(await scheduled({ SMTP_URL: smtp.url, MAIL_FROM, REMINDER_MINUTES_BEFORE: "0" })).not.toContain(JOB_QUEUES.scheduleRemind.name);
      expect(await scheduled({})).not.toContain(JOB_QUEUES.scheduleRemind.name);
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });
});

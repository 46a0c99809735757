import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerConfig } from "../config";
import { startWorkerProcess, type WorkerProcess } from "../worker-process";
import { useJobTestBed } from "./testing/job-test-bed";
import { startSmtpServer, waitFor, type TestSmtpServer } from "./testing/smtp-server";

/** What web sends when one lesson of a series is moved: the lesson's new times under its RECURRENCE-ID. */
const INVITATION = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//So GD&DT//Diem Cau//VI",
  "METHOD:REQUEST",
  "BEGIN:VEVENT",
  "UID:lesson-series@diemcau",
  "SEQUENCE:3",
  "DTSTAMP:20261201T000000Z",
  "RECURRENCE-ID:20261208T123000Z",
  "DTSTART:20261209T013000Z",
  "DTEND:20261209T021500Z",
  "SUMMARY:Toán 9A — Phương trình bậc hai",
  "ORGANIZER;CN=Cô Lan:mailto:gv.lan@diemcau.local",
  "ATTENDEE;CN=Minh;RSVP=FALSE:mailto:hs.minh@diemcau.local",
  "STATUS:CONFIRMED",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

const JOB = {
  to: { name: "Nguyễn Văn Minh", email: "hs.minh@diemcau.local" },
  subject: "Đổi giờ buổi học: Toán 9A — Phương trình bậc hai",
  text: "Buổi học 19:30 ngày 08/12/2026 được dời sang 08:30 ngày 09/12/2026.",
  calendar: { method: "REQUEST" as const, content: INVITATION },
};

describe("schedule e-mail through the department's SMTP server (real server, real queue)", () => {
  const bed = useJobTestBed("diemcau-mail-");
  let smtp: TestSmtpServer;
  let worker: WorkerProcess;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    worker = await startWorkerProcess(loadWorkerConfig({ DATABASE_URL: bed.databaseUrl, STORAGE_DIR: bed.root, SMTP_URL: smtp.url, MAIL_FROM: "Điểm Cầu <diemcau@sgddt.test>" }));
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
  });

  it("delivers the notice with its iCalendar invitation, which ical.js reads as the moved lesson", async () => {
    await worker.boss.send("schedule.mail", JOB);
    const mail = await waitFor(() => smtp.received[0], "the e-mail");
    expect(mail.subject).toBe(JOB.subject);
    expect(mail.from?.text).toContain("diemcau@sgddt.test");
    expect(mail.text).toContain("được dời sang 08:30 ngày 09/12/2026");
    const attachment = mail.attachments.find((a) => a.contentType === "text/calendar");
    expect(attachment).toBeDefined();
    expect(attachment!.headers.get("content-type")).toMatchObject({ params: expect.objectContaining({ method: "REQUEST" }) });
    const calendar = new ICAL.Component(ICAL.parse(attachment!.content.toString("utf8")));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.uid).toBe("lesson-series@diemcau");
    expect(event.recurrenceId!.toJSDate().toISOString()).toBe("2026-12-08T12:30:00.000Z");
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-12-09T01:30:00.000Z");
  });
});

describe("schedule e-mail without SMTP configured", () => {
  const bed = useJobTestBed("diemcau-nomail-");
  it("sends nothing and completes the job", async () => {
    const worker = await startWorkerProcess(loadWorkerConfig({ DATABASE_URL: bed.databaseUrl, STORAGE_DIR: bed.root }));
    try {
      const id = (await worker.boss.send("schedule.mail", JOB))!;
      let state = "";
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && state !== "completed" && state !== "failed") {
        state = (await worker.boss.getJobById("schedule.mail", id))?.state ?? "";
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(state).toBe("completed");
    } finally {
      await worker.stop();
    }
  });
});

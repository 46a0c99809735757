import { FEED_EVENT_SELECT } from "@diemcau/calendar/find-feed-events";
import { findParticipantIds } from "@diemcau/calendar/find-participants";
import { expandOccurrences } from "@diemcau/calendar/recurrence";
import type { Db } from "@diemcau/db";
import { JOB_QUEUES, type TScheduleMailJob, ZScheduleMailJobSchema } from "@diemcau/protocol";
import pg from "pg";
import type PgBoss from "pg-boss";
import { buildReminderMail } from "./reminder-mail";

export type ReminderDeps = {
  db: Db;
  boss: PgBoss;
  databaseUrl: string;
  /** The address users open (PUBLIC_URL): the join link and the invitation's URL. */
  publicUrl: string;
  /** REMINDER_MINUTES_BEFORE: occurrences starting within this many minutes get their reminders. */
  leadMinutes: number;
};

export type ReminderSweepResult = { queued: number; failed: number };

const REMINDER_EVENT_SELECT = {
  ...FEED_EVENT_SELECT,
  hostId: true,
  courseId: true,
  bridgePoints: { select: { bridgePointId: true, bridgePoint: { select: { name: true } } } },
} as const;

/**
 * Every minute: each occurrence (a one-off event, or a lesson of a series where the calendar now
 * has it: cancelled lessons left out, moved ones at their new time) of a scheduled or live event
 * starting after `now` and within the lead gets one reminder per person it concerns (host, bridge
 * points' room accounts, enrolled students) whose account is enabled. Each is recorded in
 * EventReminder in the same transaction that queues its schedule.mail job, so no later sweep,
 * restarted worker or second worker queues it again, and a failed one is tried by the next sweep.
 */
export async function queueReminders(deps: ReminderDeps, now: Date = new Date()): Promise<ReminderSweepResult> {
  const until = new Date(now.getTime() + deps.leadMinutes * 60_000);
  const window = { gt: now, lte: until };
  const events = await deps.db.event.findMany({
    where: {
      status: { in: ["SCHEDULED", "LIVE"] },
      OR: [
        { rrule: null, startsAt: window },
        { rrule: { not: null }, startsAt: { lte: until }, OR: [{ seriesEndsAt: null }, { seriesEndsAt: { gt: now } }] },
        { overrides: { some: { cancelled: false, startsAt: window } } },
      ],
    },
    select: REMINDER_EVENT_SELECT,
  });
  const result: ReminderSweepResult = { queued: 0, failed: 0 };
  if (events.length === 0) return result;
  const client = new pg.Client({ connectionString: deps.databaseUrl, application_name: "diemcau-reminders" });
  await client.connect();
  try {
    for (const event of events) {
      const due = expandOccurrences(event, now, until).filter((o) => o.startsAt > now && o.startsAt <= until);
      if (due.length === 0) continue;
      const scope = { hostId: event.hostId, courseId: event.courseId, bridgePointIds: event.bridgePoints.map((b) => b.bridgePointId) };
      const people = await deps.db.user.findMany({
        where: { id: { in: await findParticipantIds(deps.db, [scope]) }, disabledAt: null },
        select: { id: true, name: true, email: true },
      });
      for (const occurrence of due) {
        for (const person of people) {
          const reminder = { eventId: event.id, userId: person.id, startsAt: occurrence.startsAt };
          try {
            const mail = buildReminderMail(event, occurrence, person, deps.publicUrl);
            if (await recordAndQueue(client, deps.boss, reminder, mail)) result.queued += 1;
          } catch (error) {
            result.failed += 1;
            console.error(`[worker] reminder of event ${event.id} at ${occurrence.startsAt.toISOString()} to ${person.email} not queued:`, error);
          }
        }
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return result;
}

/**
 * Records the reminder and queues its mail in one transaction on `client`: false when it was
 * recorded already (by an earlier sweep or another worker, which then holds it until it commits).
 */
async function recordAndQueue(
  client: pg.Client,
  boss: PgBoss,
  reminder: { eventId: string; userId: string; startsAt: Date },
  mail: TScheduleMailJob,
): Promise<boolean> {
  const job = ZScheduleMailJobSchema.parse(mail);
  await client.query("BEGIN");
  try {
    // Prisma keeps DateTime as UTC in "timestamp without time zone"; an ISO instant read in UTC matches it.
    const { rowCount } = await client.query(
      `INSERT INTO "EventReminder" ("eventId", "userId", "startsAt") VALUES ($1, $2, ($3::timestamptz AT TIME ZONE 'UTC'))
        ON CONFLICT DO NOTHING`,
      [reminder.eventId, reminder.userId, reminder.startsAt.toISOString()],
    );
    if (rowCount === 1) await boss.send(JOB_QUEUES.scheduleMail.name, job, { db: { executeSql: (text, values) => client.query(text, values) } });
    await client.query("COMMIT");
    return rowCount === 1;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

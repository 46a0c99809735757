import type { Db } from "@diemcau/db";
import { fromWallDate, localDateKey, parseWallDate } from "@diemcau/calendar/time-zone";
import { sessionCtes, type TSessionColumns } from "./session-sql";
import type { TPeriod } from "./statistics-query";

// A school year is 30,000 sessions and hundreds of thousands of viewer-days; its statistics read
// each whole past month of it from a roll-up instead (migration
// 20261205090000_statistics_month_rollups): EventMonthFigures for an event's sessions,
// MaterialMonthViews for a material's views. Both are written here the first time a month is
// read, and forgotten by triggers when a row they add up is written, so they always agree with
// the rows. Months not yet over, and periods drawn by day, are counted from the rows as before.

/** A whole month of the department's calendar. */
export interface TMonth {
  /** Its first day, "yyyy-MM-01". */
  key: string;
  /** The first day of the month after, "yyyy-MM-01". */
  nextKey: string;
  from: Date;
  to: Date;
}

function monthStart(year: number, month: number): { key: string; at: Date } {
  const wall = new Date(Date.UTC(year, month, 1));
  return { key: wall.toISOString().slice(0, 10), at: fromWallDate(wall) };
}

/**
 * The months wholly inside a period drawn by month that are over by `now` (in Asia/Ho_Chi_Minh):
 * those a roll-up may stand for. None for a period drawn by day, whose trend needs its days.
 */
export function pastMonthsOf(period: TPeriod, now: Date): TMonth[] {
  if (period.bucket !== "month") return [];
  const today = localDateKey(now);
  const first = parseWallDate(period.firstDay)!;
  const months: TMonth[] = [];
  for (let i = first.getUTCDate() === 1 ? 0 : 1; ; i++) {
    const start = monthStart(first.getUTCFullYear(), first.getUTCMonth() + i);
    const next = monthStart(first.getUTCFullYear(), first.getUTCMonth() + i + 1);
    if (next.key > today || next.at > period.to) return months;
    months.push({ key: start.key, nextKey: next.key, from: start.at, to: next.at });
  }
}

/** The month among `months` (sorted) that an instant falls in, or undefined. */
export function monthOf(months: readonly TMonth[], at: Date): TMonth | undefined {
  let lo = 0;
  let hi = months.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const month = months[mid]!;
    if (at < month.from) hi = mid - 1;
    else if (at >= month.to) lo = mid + 1;
    else return month;
  }
  return undefined;
}

/** The days of the period outside the given whole months, as [from, to) ranges of "yyyy-MM-dd". */
export function daysOutside(period: TPeriod, months: TMonth[]): { from: string[]; to: string[] } {
  const ranges = { from: [] as string[], to: [] as string[] };
  const after = new Date(Date.parse(period.lastDay) + 86_400_000).toISOString().slice(0, 10);
  let cursor = period.firstDay;
  for (const month of [...months, { key: after, nextKey: after }]) {
    if (month.key > cursor) {
      ranges.from.push(cursor);
      ranges.to.push(month.key);
    }
    cursor = month.nextKey;
  }
  return ranges;
}

/** One event's sessions of one month, and the version of the event they were expanded from. */
export interface TEventMonth {
  eventId: string;
  month: string;
  eventUpdatedAt: Date;
}

export type TEventMonthColumns = { ids: string[]; months: string[]; versions: Date[] };

/**
 * Adds up the sessions of each event-month (tagged with their month in `sessions`) into
 * EventMonthFigures, counting each session as the statistics do (through SessionFigures).
 */
export async function rollUpEventMonths(db: Db, sessions: TSessionColumns, eventMonths: TEventMonthColumns, now: Date): Promise<void> {
  await db.$executeRaw`
    WITH ${sessionCtes(sessions, now)},
    versions AS (SELECT * FROM unnest(${eventMonths.ids}::text[], ${eventMonths.months}::date[], ${eventMonths.versions}::timestamp[]) AS v(event_id, month, version))
    INSERT INTO "EventMonthFigures" ("eventId", month, "eventUpdatedAt", sessions, "scheduledSeconds", participants, "personSeconds", "firstStartsAt", "lastEndsAt")
    SELECT s.event_id, s.month, v.version, count(*), sum(EXTRACT(EPOCH FROM s.ends_at - s.starts_at)), sum(s.participants), sum(s.person_seconds), min(s.starts_at), max(s.ends_at)
    FROM sessions s JOIN versions v ON v.event_id = s.event_id AND v.month = s.month
    GROUP BY s.event_id, s.month, v.version
    ON CONFLICT ("eventId", month) DO UPDATE SET "eventUpdatedAt" = excluded."eventUpdatedAt", sessions = excluded.sessions,
      "scheduledSeconds" = excluded."scheduledSeconds", participants = excluded.participants, "personSeconds" = excluded."personSeconds",
      "firstStartsAt" = excluded."firstStartsAt", "lastEndsAt" = excluded."lastEndsAt", "computedAt" = now()`;
}

/**
 * Adds up one month of MaterialView into MaterialMonthViews and marks it in ViewMonthRollup, one
 * request at a time (a second one finds it done). A view written to the month meanwhile would be
 * missed, but the player only writes today's views, and the month is over.
 */
export async function rollUpViewMonth(db: Db, month: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`statistics:view-month:${month}`}, 0))`;
    const done = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "ViewMonthRollup" WHERE month = ${month}::date`;
    if (done.length > 0) return;
    await tx.$executeRaw`DELETE FROM "MaterialMonthViews" WHERE month = ${month}::date`;
    await tx.$executeRaw`
      INSERT INTO "MaterialMonthViews" ("materialId", month, views, "watchedSeconds")
      SELECT v."materialId", ${month}::date, count(v."countedAt"), sum(v."watchedSec") FROM "MaterialView" v
      WHERE v.day >= ${month}::date AND v.day < ${month}::date + interval '1 month' GROUP BY 1`;
    await tx.$executeRaw`INSERT INTO "ViewMonthRollup" (month) VALUES (${month}::date)`;
  });
}

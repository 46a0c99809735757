import { Prisma } from "@diemcau/db";
import { DISPLAY_TIME_ZONE } from "@diemcau/calendar/display-date";
import type { TOccurrence } from "@diemcau/calendar/recurrence";
import { EARLY_JOIN_MINUTES } from "../attendance/summarize-attendance";

// Columns are "timestamp" holding UTC, and the driver sends a Date as its UTC wall time without
// an offset: read as "timestamp" (never "timestamptz"), no figure depends on the session's zone.

/** An instant as a UTC "timestamp". */
export function utc(instant: Date): Prisma.Sql {
  return Prisma.sql`${instant}::timestamp`;
}

/** A UTC "timestamp" column as the wall time in the department's zone. */
export function localTime(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`((${column}) AT TIME ZONE 'UTC' AT TIME ZONE ${DISPLAY_TIME_ZONE})`;
}

/** A session is kept in SessionFigures once it ended this long ago (its last leave reports are in). */
export const CACHE_AFTER_END_MINUTES = 15;

/** Sessions as columns, the shape they are sent to PostgreSQL in; `month` tags each for a roll-up. */
export type TSessionColumns = { ids: string[]; starts: Date[]; ends: Date[]; months: (string | null)[] };

export function emptySessionColumns(): TSessionColumns {
  return { ids: [], starts: [], ends: [], months: [] };
}

export function pushSession(columns: TSessionColumns, eventId: string, session: TOccurrence, month: string | null = null): void {
  columns.ids.push(eventId);
  columns.starts.push(session.startsAt);
  columns.ends.push(session.endsAt);
  columns.months.push(month);
}

/**
 * CTEs over `occ` (event_id, starts_at, ends_at, month) ending in `sessions`: the same columns
 * with each session's participants and person_seconds. Ended sessions are read from
 * SessionFigures; the others are counted from their connections as summarizeAttendance counts
 * them (one opened from EARLY_JOIN_MINUTES before the start to the end belongs to the session;
 * one still open runs to now or the end, whichever is earlier), and those that ended
 * CACHE_AFTER_END_MINUTES ago are kept in SessionFigures for next time.
 */
export function sessionCtes({ ids, starts, ends, months }: TSessionColumns, now: Date): Prisma.Sql {
  const cacheBefore = new Date(now.getTime() - CACHE_AFTER_END_MINUTES * 60_000);
  // One pass of the sessions over SessionFigures splits them into known and to count (an anti-join
  // of the two lists, whose sizes the planner cannot see, ran as a nested loop: seconds a year).
  return Prisma.sql`
    occ AS MATERIALIZED (
      SELECT * FROM unnest(${ids}::text[], ${starts}::timestamp[], ${ends}::timestamp[], ${months}::date[]) AS o(event_id, starts_at, ends_at, month)
    ),
    looked AS MATERIALIZED (
      SELECT o.event_id, o.starts_at, o.ends_at, o.month, c.participants, c."personSeconds" AS person_seconds
      FROM occ o LEFT JOIN "SessionFigures" c ON c."eventId" = o.event_id AND c."startsAt" = o.starts_at AND c."endsAt" = o.ends_at
    ),
    missing AS MATERIALIZED (SELECT event_id, starts_at, ends_at, month FROM looked WHERE participants IS NULL),
    person AS (
      SELECT o.event_id, o.starts_at, COALESCE(a."userId", 'guest:' || a."displayName") AS person,
        range_agg(tsrange(a."joinedAt", GREATEST(a."joinedAt", COALESCE(a."leftAt", LEAST(${utc(now)}, o.ends_at))))) AS spans
      FROM missing o JOIN "Attendance" a ON a."eventId" = o.event_id
        AND a."joinedAt" >= o.starts_at - make_interval(mins => ${EARLY_JOIN_MINUTES}) AND a."joinedAt" < o.ends_at
      GROUP BY 1, 2, 3
    ),
    seen AS (
      SELECT p.event_id, p.starts_at, count(*) AS participants,
        sum((SELECT COALESCE(sum(EXTRACT(EPOCH FROM upper(r) - lower(r))), 0) FROM unnest(p.spans) r)) AS person_seconds
      FROM person p GROUP BY 1, 2
    ),
    counted AS MATERIALIZED (
      SELECT m.event_id, m.starts_at, m.ends_at, m.month, COALESCE(s.participants, 0)::int AS participants, COALESCE(s.person_seconds, 0)::float8 AS person_seconds
      FROM missing m LEFT JOIN seen s ON s.event_id = m.event_id AND s.starts_at = m.starts_at
    ),
    kept AS (
      INSERT INTO "SessionFigures" ("eventId", "startsAt", "endsAt", participants, "personSeconds")
      SELECT event_id, starts_at, ends_at, participants, person_seconds FROM counted WHERE ends_at <= ${utc(cacheBefore)}
      ON CONFLICT DO NOTHING
    ),
    sessions AS (SELECT * FROM looked WHERE participants IS NOT NULL UNION ALL SELECT * FROM counted)`;
}

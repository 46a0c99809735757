import { type Db, Prisma } from "@diemcau/db";
import { LRUCache } from "lru-cache";
import { EARLY_JOIN_MINUTES, LATE_AFTER_MINUTES } from "../attendance/summarize-attendance";
import { overridesSelect } from "@diemcau/calendar/override-select";
import { expandOccurrences, type TOccurrence, type TSchedulable } from "@diemcau/calendar/recurrence";
import { daysOutside, monthOf, pastMonthsOf, rollUpEventMonths, rollUpViewMonth, type TEventMonth, type TEventMonthColumns, type TMonth } from "./month-rollups";
import { CACHE_AFTER_END_MINUTES, emptySessionColumns, localTime, pushSession, sessionCtes, utc, type TSessionColumns } from "./session-sql";
import { eventPlacesSql, materialPlacesSql } from "./statistics-places";
import { resolvePeriod, type TGroupBy, type TPeriod, type TStatisticsQuery } from "./statistics-query";

export interface TStatisticsFigures {
  /** Conferences and lessons held: occurrences that started in the period, of events not cancelled. */
  conferences: number;
  conferenceHours: number;
  lessons: number;
  lessonHours: number;
  /** People who joined, summed over sessions (one person in two sessions counts twice). */
  participants: number;
  /** Time in the room, a person's overlapping connections counted once, as on the attendance page. */
  personHours: number;
  /** Recordings that became playable (READY) and began in the period, and their length. */
  recordings: number;
  recordedHours: number;
  /** Published materials dated in the period, by the date the library shows and filters on (when they were made). */
  materialsPublished: number;
  /** Views counted in the period (30 s of watching, once per viewer, material and day) and all time watched. */
  views: number;
  watchMinutes: number;
}

/** Bridge point attendance of conference sessions: a bridge point is present, late or absent at each. */
export interface TAttendanceCounts {
  present: number;
  late: number;
  absent: number;
}

export interface TStatisticsRow extends TStatisticsFigures {
  /** The district, bridge point, school, subject or grade; null: not attributed to one. */
  key: string | null;
  label: string | null;
  /** For a breakdown by district or bridge point; null for the others. */
  attendance: TAttendanceCounts | null;
}

export interface TTrendPoint extends TStatisticsFigures {
  /** First day of the bucket, "yyyy-MM-dd". */
  bucket: string;
}

export interface TBridgePointAttendance extends TAttendanceCounts {
  bridgePointId: string;
  name: string;
  districtId: string;
  district: string;
  sessions: number;
}

export interface TStatistics {
  period: TPeriod;
  groupBy: TGroupBy;
  districtId: string | null;
  totals: TStatisticsFigures & { attendance: TAttendanceCounts };
  rows: TStatisticsRow[];
  trend: TTrendPoint[];
  bridgePoints: TBridgePointAttendance[];
}

/**
 * Each series' sessions in a period, by the event's last change (every change of an event or of
 * one of its lessons moves updatedAt): rrule takes milliseconds per series, a school year of 400
 * classes seconds.
 */
const expansions = new LRUCache<string, TOccurrence[]>({ max: 50_000 });

function sessionsOf(event: TSchedulable & { id: string; updatedAt: Date }, period: TPeriod): TOccurrence[] {
  const key = `${event.id} ${event.updatedAt.getTime()} ${period.from.getTime()} ${period.to.getTime()}`;
  let sessions = expansions.get(key);
  if (!sessions) {
    sessions = expandOccurrences(event, period.from, period.to).filter((o) => o.startsAt >= period.from);
    expansions.set(key, sessions);
  }
  return sessions;
}

/** One event's sessions of one past month, read from EventMonthFigures (counted and kept there when missing). */
type TRolledMonth = TEventMonth & { sessions: TOccurrence[] };

interface THeldSessions {
  /** Sessions counted one by one: those of months not over, or of a period drawn by day. */
  live: TSessionColumns;
  /** Event-months read from their roll-up, by "eventId month". */
  rolled: Map<string, TRolledMonth>;
  /** Every session of events with bridge points, for their attendance. */
  withBridgePoints: TSessionColumns;
}

/** Sessions held in the period (started before `now`), from every series expanded as the schedule does. */
async function heldSessions(db: Db, period: TPeriod, districtId: string | null, now: Date): Promise<THeldSessions> {
  const heldBefore = new Date(Math.min(period.to.getTime(), now.getTime()));
  const held: THeldSessions = { live: emptySessionColumns(), rolled: new Map(), withBridgePoints: emptySessionColumns() };
  if (heldBefore <= period.from) return held;
  const events = await db.event.findMany({
    where: {
      status: { not: "CANCELLED" },
      startsAt: { lt: heldBefore },
      OR: [{ rrule: null, startsAt: { gte: period.from } }, { rrule: { not: null }, OR: [{ seriesEndsAt: null }, { seriesEndsAt: { gt: period.from } }] }],
      ...(districtId ? { AND: [inDistrict(districtId)] } : {}),
    },
    select: { id: true, startsAt: true, endsAt: true, rrule: true, timeZone: true, updatedAt: true, overrides: overridesSelect, _count: { select: { bridgePoints: true } } },
  });
  const months = pastMonthsOf(period, now);
  const cacheBefore = new Date(now.getTime() - CACHE_AFTER_END_MINUTES * 60_000);
  for (const event of events) {
    const rolled = new Map<string, TRolledMonth>();
    for (const session of sessionsOf(event, period)) {
      if (session.startsAt >= heldBefore) break;
      if (event._count.bridgePoints > 0) pushSession(held.withBridgePoints, event.id, session);
      const month = monthOf(months, session.startsAt);
      if (!month) {
        pushSession(held.live, event.id, session);
        continue;
      }
      let eventMonth = rolled.get(month.key);
      if (!eventMonth) rolled.set(month.key, (eventMonth = { eventId: event.id, month: month.key, eventUpdatedAt: event.updatedAt, sessions: [] }));
      eventMonth.sessions.push(session);
    }
    // A month whose last session ended only just now (it ran past midnight) waits for its last reports.
    for (const eventMonth of rolled.values()) {
      if (eventMonth.sessions.some((s) => s.endsAt > cacheBefore)) for (const session of eventMonth.sessions) pushSession(held.live, event.id, session);
      else held.rolled.set(`${event.id} ${eventMonth.month}`, eventMonth);
    }
  }
  return held;
}

/** An event of the district: one of its bridge points is there, or (without any) its host is. */
function inDistrict(districtId: string) {
  return { OR: [{ bridgePoints: { some: { bridgePoint: { districtId } } } }, { bridgePoints: { none: {} }, host: { districtId } }] };
}

type TFigureRow<T> = { grp: "key" | "bucket" | "total" | "missing"; key: string | null; bucket: string | null } & T;

type TSessionRow = TFigureRow<
  Pick<TStatisticsFigures, "conferences" | "lessons" | "participants"> & { conference_seconds: number; lesson_seconds: number; person_seconds: number }
>;

/**
 * Sessions, their hours, participants and person-hours: by place, by bucket and in all. Event-months
 * whose roll-up is missing (never read, or forgotten since) come back as "missing" rows: they are
 * rolled up, and the figures read again with their sessions counted one by one.
 */
async function sessionFigures(db: Db, held: THeldSessions, groupBy: TGroupBy, bucket: string, now: Date): Promise<TSessionRow[]> {
  const { live, rolled } = held;
  for (;;) {
    const rows = await sessionFiguresOnce(db, live, [...rolled.values()], groupBy, bucket, now);
    const missing = rows.filter((row) => row.grp === "missing");
    if (missing.length === 0) return rows;
    const toRollUp = emptySessionColumns();
    const eventMonths: TEventMonthColumns = { ids: [], months: [], versions: [] };
    for (const row of missing) {
      const eventMonth = rolled.get(`${row.key} ${row.bucket}`)!;
      rolled.delete(`${row.key} ${row.bucket}`);
      eventMonths.ids.push(eventMonth.eventId);
      eventMonths.months.push(eventMonth.month);
      eventMonths.versions.push(eventMonth.eventUpdatedAt);
      for (const session of eventMonth.sessions) {
        pushSession(toRollUp, eventMonth.eventId, session, eventMonth.month);
        pushSession(live, eventMonth.eventId, session);
      }
    }
    await rollUpEventMonths(db, toRollUp, eventMonths, now);
  }
}

function sessionFiguresOnce(db: Db, live: TSessionColumns, rolled: TRolledMonth[], groupBy: TGroupBy, bucket: string, now: Date) {
  const aggregates = Prisma.sql`
    COALESCE(sum(f.sessions) FILTER (WHERE f.kind = 'CONFERENCE'), 0)::int AS conferences,
    COALESCE(sum(f.seconds) FILTER (WHERE f.kind = 'CONFERENCE'), 0)::float8 AS conference_seconds,
    COALESCE(sum(f.sessions) FILTER (WHERE f.kind = 'CLASS'), 0)::int AS lessons,
    COALESCE(sum(f.seconds) FILTER (WHERE f.kind = 'CLASS'), 0)::float8 AS lesson_seconds,
    COALESCE(sum(f.participants), 0)::int AS participants,
    COALESCE(sum(f.person_seconds), 0)::float8 AS person_seconds`;
  return db.$queryRaw<TSessionRow[]>`
    WITH ${sessionCtes(live, now)},
    wanted AS MATERIALIZED (
      SELECT * FROM unnest(${rolled.map((r) => r.eventId)}::text[], ${rolled.map((r) => r.month)}::date[], ${rolled.map((r) => r.eventUpdatedAt)}::timestamp[])
        AS w(event_id, month, version)
    ),
    rolled AS MATERIALIZED (
      SELECT w.event_id, w.month, m.sessions, m."scheduledSeconds" AS seconds, m.participants, m."personSeconds" AS person_seconds
      FROM wanted w LEFT JOIN "EventMonthFigures" m ON m."eventId" = w.event_id AND m.month = w.month AND m."eventUpdatedAt" = w.version
    ),
    f AS MATERIALIZED (
      SELECT s.event_id, ${localTime(Prisma.sql`s.starts_at`)} AS local_start, e.kind::text AS kind, 1 AS sessions,
        EXTRACT(EPOCH FROM s.ends_at - s.starts_at)::float8 AS seconds, s.participants, s.person_seconds
      FROM sessions s JOIN "Event" e ON e.id = s.event_id
      UNION ALL
      SELECT r.event_id, r.month::timestamp, e.kind::text, r.sessions, r.seconds, r.participants, r.person_seconds
      FROM rolled r JOIN "Event" e ON e.id = r.event_id WHERE r.sessions IS NOT NULL
    ),
    places AS (${eventPlacesSql(groupBy)})
    SELECT 'key' AS grp, p.key, NULL AS bucket, ${aggregates} FROM f JOIN places p ON p.event_id = f.event_id GROUP BY p.key
    UNION ALL
    SELECT 'bucket', NULL, to_char(date_trunc(${bucket}, f.local_start), 'YYYY-MM-DD'), ${aggregates} FROM f GROUP BY 3
    UNION ALL
    SELECT 'total', NULL, NULL, ${aggregates} FROM f
    UNION ALL
    SELECT 'missing', r.event_id, to_char(r.month, 'YYYY-MM-DD'), 0, 0, 0, 0, 0, 0 FROM rolled r WHERE r.sessions IS NULL`;
}

type TMaterialRow = TFigureRow<Pick<TStatisticsFigures, "recordings" | "materialsPublished" | "views"> & { recorded_seconds: number; watched_seconds: number }>;

/**
 * Recordings, materials published, views and watching: by place, by bucket and in all. The views
 * of past months come from MaterialMonthViews; a month not rolled up yet comes back as a
 * "missing" row, is rolled up, and the figures are read again with its views counted from the rows.
 */
async function materialFigures(db: Db, period: TPeriod, months: TMonth[], groupBy: TGroupBy, bucket: string, districtId: string | null): Promise<TMaterialRow[]> {
  let rolled = months;
  for (;;) {
    const rows = await materialFiguresOnce(db, period, rolled, groupBy, bucket, districtId);
    const missing = new Set(rows.filter((row) => row.grp === "missing").map((row) => row.bucket!));
    if (missing.size === 0) return rows;
    for (const month of missing) await rollUpViewMonth(db, month);
    rolled = rolled.filter((month) => !missing.has(month.key));
  }
}

function materialFiguresOnce(db: Db, period: TPeriod, rolled: TMonth[], groupBy: TGroupBy, bucket: string, districtId: string | null) {
  const aggregates = Prisma.sql`
    COALESCE(sum(x.recordings), 0)::int AS recordings, COALESCE(sum(x.recorded_seconds), 0)::float8 AS recorded_seconds,
    COALESCE(sum(x.published), 0)::int AS "materialsPublished",
    COALESCE(sum(x.views), 0)::int AS views, COALESCE(sum(x.watched_seconds), 0)::float8 AS watched_seconds`;
  const inScope = districtId
    ? Prisma.sql`WHERE x.material_id IN (SELECT d.material_id FROM district_places d WHERE d.key = ${districtId})`
    : Prisma.empty;
  const liveDays = daysOutside(period, rolled);
  return db.$queryRaw<TMaterialRow[]>`
    WITH places AS (${materialPlacesSql(groupBy)}),
    district_places AS (${materialPlacesSql("district")}),
    rolled_months AS MATERIALIZED (
      SELECT m.month, r.month IS NOT NULL AS done FROM unnest(${rolled.map((m) => m.key)}::date[]) AS m(month) LEFT JOIN "ViewMonthRollup" r ON r.month = m.month
    ),
    facts AS (
      SELECT m.id AS material_id, ${localTime(Prisma.sql`m."createdAt"`)}::date AS day,
        0 AS recordings, 0 AS recorded_seconds, 1 AS published, 0 AS views, 0 AS watched_seconds
      FROM "Material" m WHERE m.published AND m."createdAt" >= ${utc(period.from)} AND m."createdAt" < ${utc(period.to)}
      UNION ALL
      SELECT m.id, ${localTime(Prisma.sql`r."startedAt"`)}::date, 1, COALESCE(r."durationSec", 0), 0, 0, 0
      FROM "Recording" r JOIN "Material" m ON m."recordingId" = r.id
      WHERE r.status = 'READY' AND r."startedAt" >= ${utc(period.from)} AND r."startedAt" < ${utc(period.to)}
      UNION ALL
      SELECT v."materialId", v.day, 0, 0, 0, count(v."countedAt"), sum(v."watchedSec")
      FROM unnest(${liveDays.from}::date[], ${liveDays.to}::date[]) AS l(from_day, to_day)
        JOIN "MaterialView" v ON v.day >= l.from_day AND v.day < l.to_day
      GROUP BY 1, 2
      UNION ALL
      SELECT mv."materialId", mv.month, 0, 0, 0, mv.views, mv."watchedSeconds"
      FROM rolled_months m JOIN "MaterialMonthViews" mv ON mv.month = m.month WHERE m.done
    ),
    x AS MATERIALIZED (SELECT * FROM facts x ${inScope}),
    -- Added up by material first, so a material's facts meet its places once (not once a month or day).
    by_material AS (
      SELECT material_id, sum(recordings) AS recordings, sum(recorded_seconds) AS recorded_seconds, sum(published) AS published,
        sum(views) AS views, sum(watched_seconds) AS watched_seconds
      FROM x GROUP BY 1
    )
    SELECT 'key' AS grp, p.key, NULL AS bucket, ${aggregates} FROM by_material x JOIN places p ON p.material_id = x.material_id GROUP BY p.key
    UNION ALL
    SELECT 'bucket', NULL, to_char(date_trunc(${bucket}, x.day), 'YYYY-MM-DD'), ${aggregates} FROM x GROUP BY 3
    UNION ALL
    SELECT 'total', NULL, NULL, ${aggregates} FROM x
    UNION ALL
    SELECT 'missing', NULL, to_char(m.month, 'YYYY-MM-DD'), 0, 0, 0, 0, 0 FROM rolled_months m WHERE NOT m.done`;
}

type TBridgePointRow = { bridge_point_id: string; sessions: number } & TAttendanceCounts;

/** Each bridge point invited to a session: present (joined by LATE_AFTER_MINUTES), late, or absent. */
function bridgePointFigures(db: Db, { ids, starts, ends }: TSessionColumns) {
  return db.$queryRaw<TBridgePointRow[]>`
    WITH occ AS (SELECT * FROM unnest(${ids}::text[], ${starts}::timestamp[], ${ends}::timestamp[]) AS o(event_id, starts_at, ends_at)),
    firsts AS (
      SELECT ebp."bridgePointId" AS bridge_point_id, o.starts_at,
        (SELECT min(a."joinedAt") FROM "Attendance" a
          WHERE a."eventId" = o.event_id AND a."bridgePointId" = ebp."bridgePointId"
            AND a."joinedAt" >= o.starts_at - make_interval(mins => ${EARLY_JOIN_MINUTES}) AND a."joinedAt" < o.ends_at) AS first_join
      FROM occ o JOIN "EventBridgePoint" ebp ON ebp."eventId" = o.event_id
    )
    SELECT bridge_point_id, count(*)::int AS sessions,
      count(*) FILTER (WHERE first_join <= starts_at + make_interval(mins => ${LATE_AFTER_MINUTES}))::int AS present,
      count(*) FILTER (WHERE first_join > starts_at + make_interval(mins => ${LATE_AFTER_MINUTES}))::int AS late,
      count(*) FILTER (WHERE first_join IS NULL)::int AS absent
    FROM firsts GROUP BY 1`;
}

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

function zeroFigures(): TStatisticsFigures {
  return { conferences: 0, conferenceHours: 0, lessons: 0, lessonHours: 0, participants: 0, personHours: 0, recordings: 0, recordedHours: 0, materialsPublished: 0, views: 0, watchMinutes: 0 };
}

function addSessions(figures: TStatisticsFigures, row: TSessionRow): void {
  figures.conferences += row.conferences;
  figures.conferenceHours += hours(row.conference_seconds);
  figures.lessons += row.lessons;
  figures.lessonHours += hours(row.lesson_seconds);
  figures.participants += row.participants;
  figures.personHours += hours(row.person_seconds);
}

function addMaterials(figures: TStatisticsFigures, row: TMaterialRow): void {
  figures.recordings += row.recordings;
  figures.recordedHours += hours(row.recorded_seconds);
  figures.materialsPublished += row.materialsPublished;
  figures.views += row.views;
  figures.watchMinutes += Math.round((row.watched_seconds / 60) * 10) / 10;
}

/** First days of every bucket of the period, so a chart shows the quiet days and months too. */
function bucketsOf(period: TPeriod): string[] {
  const buckets: string[] = [];
  const [y, m, d] = period.firstDay.split("-").map(Number) as [number, number, number];
  const cursor = new Date(Date.UTC(y, m - 1, period.bucket === "month" ? 1 : d));
  while (cursor.toISOString().slice(0, 10) <= period.lastDay) {
    buckets.push(cursor.toISOString().slice(0, 10));
    if (period.bucket === "month") cursor.setUTCMonth(cursor.getUTCMonth() + 1);
    else cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return buckets;
}

const SORT_FIGURES = (a: TStatisticsRow, b: TStatisticsRow) =>
  a.key === null ? 1 : b.key === null ? -1 : (a.label ?? "").localeCompare(b.label ?? "", "vi", { numeric: true });

/**
 * Every figure of issue 13 for one period, broken down one way, for the whole province or one
 * district: the one query both the dashboard (/thong-ke) and the IOC API (/api/v1/thong-ke) use.
 */
export async function loadStatistics(
  db: Db,
  query: Pick<TStatisticsQuery, "period" | "date" | "from" | "to" | "groupBy">,
  { districtId, now = new Date() }: { districtId: string | null; now?: Date },
): Promise<TStatistics> {
  const period = resolvePeriod(query, now);
  const { groupBy } = query;
  // The materials and the names need no sessions: they are read while the series are expanded.
  const sessionsAndBridgePoints = heldSessions(db, period, districtId, now).then((held) =>
    Promise.all([sessionFigures(db, held, groupBy, period.bucket, now), bridgePointFigures(db, held.withBridgePoints)]),
  );
  const [[sessions, bridgePointRows], materials, districts, bridgePoints] = await Promise.all([
    sessionsAndBridgePoints,
    materialFigures(db, period, pastMonthsOf(period, now), groupBy, period.bucket, districtId),
    db.district.findMany({ select: { id: true, name: true } }),
    db.bridgePoint.findMany({ select: { id: true, name: true, districtId: true, district: { select: { name: true } } } }),
  ]);
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const bridgePointById = new Map(bridgePoints.map((b) => [b.id, b]));

  const attendance: TBridgePointAttendance[] = bridgePointRows
    .map((row) => ({ row, bp: bridgePointById.get(row.bridge_point_id)! }))
    .filter(({ bp }) => !districtId || bp.districtId === districtId)
    .map(({ row, bp }) => ({
      bridgePointId: bp.id,
      name: bp.name,
      districtId: bp.districtId,
      district: bp.district.name,
      sessions: row.sessions,
      present: row.present,
      late: row.late,
      absent: row.absent,
    }))
    .sort((a, b) => a.district.localeCompare(b.district, "vi") || a.name.localeCompare(b.name, "vi"));

  const totals = { ...zeroFigures(), attendance: { present: 0, late: 0, absent: 0 } };
  const rows = new Map<string | null, TStatisticsRow>();
  const trend = new Map(bucketsOf(period).map((bucket) => [bucket, { bucket, ...zeroFigures() }]));
  const rowOf = (key: string | null) => {
    let row = rows.get(key);
    if (!row) {
      row = { key, label: labelOf(groupBy, key, districtName, bridgePointById), ...zeroFigures(), attendance: null };
      rows.set(key, row);
    }
    return row;
  };
  const inScope = (key: string | null) =>
    !districtId || (groupBy === "district" ? key === districtId : groupBy === "bridgePoint" ? key === null || bridgePointById.get(key)?.districtId === districtId : true);
  for (const row of sessions) {
    if (row.grp === "total") addSessions(totals, row);
    else if (row.grp === "bucket") addSessions(trend.get(row.bucket!) ?? zeroFigures(), row);
    else if (inScope(row.key)) addSessions(rowOf(row.key), row);
  }
  for (const row of materials) {
    if (row.grp === "total") addMaterials(totals, row);
    else if (row.grp === "bucket") addMaterials(trend.get(row.bucket!) ?? zeroFigures(), row);
    else if (inScope(row.key)) addMaterials(rowOf(row.key), row);
  }
  for (const bp of attendance) {
    totals.attendance.present += bp.present;
    totals.attendance.late += bp.late;
    totals.attendance.absent += bp.absent;
    const key = groupBy === "district" ? bp.districtId : groupBy === "bridgePoint" ? bp.bridgePointId : undefined;
    if (key === undefined) continue;
    const row = rowOf(key);
    row.attendance ??= { present: 0, late: 0, absent: 0 };
    row.attendance.present += bp.present;
    row.attendance.late += bp.late;
    row.attendance.absent += bp.absent;
  }
  if (groupBy === "district" || groupBy === "bridgePoint") for (const row of rows.values()) row.attendance ??= { present: 0, late: 0, absent: 0 };

  return { period, groupBy, districtId, totals, rows: [...rows.values()].sort(SORT_FIGURES), trend: [...trend.values()], bridgePoints: attendance };
}

function labelOf(
  groupBy: TGroupBy,
  key: string | null,
  districtName: Map<string, string>,
  bridgePoints: Map<string, { name: string }>,
): string | null {
  if (key === null) return null;
  if (groupBy === "district") return districtName.get(key) ?? key;
  if (groupBy === "bridgePoint") return bridgePoints.get(key)?.name ?? key;
  return key;
}

/**
 * Statistics benchmark: a school year (2025-2026) of generated data in PostgreSQL — 400 classes
 * of 30 students (12,000) with two lessons a week and their attendance, 200 conferences with
 * 3–9 bridge points each, a recording of every conference and of one class in eight, a material
 * per recording, and about a million player heartbeats (as MaterialView rows, the form they are
 * kept in: 10 s of watching each) — loaded with generate_series. Then the server time of typical
 * questions: the dashboard's (loadStatisticsForUser, as /thong-ke runs it) and the IOC API's
 * (handleStatisticsRequest with a real service token, as GET /api/v1/thong-ke/... runs it, JSON
 * included), median and p95. Target: p95 ≤ 200 ms for a school year by district.
 *
 *   npm run bench -- stats [--runs 20]
 * Needs PostgreSQL (DATABASE_URL's server, default 127.0.0.1:5432); the database is dropped after.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createPrismaClient, type Db, seedDepartment } from "@diemcau/db";
import { createTestDatabaseOf } from "@diemcau/db/test-database";
import { bridgePointsResponse, summaryResponse, trendResponse } from "../apps/web/lib/statistics/statistics-api";
import { handleStatisticsRequest, type TStatisticsResponder } from "../apps/web/lib/statistics/statistics-endpoint";
import { loadStatisticsForUser } from "../apps/web/lib/statistics/statistics-page-query";
import { ZStatisticsQuerySchema } from "../apps/web/lib/statistics/statistics-query";
import { createServiceToken } from "../apps/web/lib/service-tokens/service-tokens";
import { formatTable, saveResults, verdict } from "./lib/results";

const TARGET_P95_MS = 200;
const { values: args } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const RUNS = Number(args.runs);
const SIZE = { classes: 400, studentsPerClass: 30, lessonsPerWeek: 2, weeks: 38, conferences: 200, heartbeatViews: 125_000 };

/** The generated school year, in SQL (lessons on two weekdays, the same dates the RRULE gives). */
const GENERATE = [
  `INSERT INTO "User" (id, email, name, "passwordHash", role, "districtId", school, "updatedAt")
   SELECT 'bt' || i, 'gv' || i || '@bench.local', 'Giáo viên ' || i, 'x', 'TEACHER', d.id, 'Trường ' || d.name || ' ' || (i % 10), now()
   FROM generate_series(0, ${SIZE.classes - 1}) i
   JOIN (SELECT id, name, row_number() OVER (ORDER BY name) - 1 AS n FROM "District") d ON d.n = i % 9`,
  `INSERT INTO "User" (id, email, name, "passwordHash", role, "districtId", school, "updatedAt")
   SELECT 'bs' || s, 'hs' || s || '@bench.local', 'Học sinh ' || s, 'x', 'STUDENT', t."districtId", t.school, now()
   FROM generate_series(0, ${SIZE.classes * SIZE.studentsPerClass - 1}) s JOIN "User" t ON t.id = 'bt' || (s / ${SIZE.studentsPerClass})`,
  `INSERT INTO "Course" (id, name, subject, grade, "schoolYear", school, "teacherId")
   SELECT 'bc' || i, (ARRAY['Toán','Ngữ văn','Tiếng Anh','Vật lý','Hóa học','Sinh học','Lịch sử','Địa lý'])[1 + i % 8] || ' ' || (1 + i % 12) || 'A' || i,
     (ARRAY['Toán','Ngữ văn','Tiếng Anh','Vật lý','Hóa học','Sinh học','Lịch sử','Địa lý'])[1 + i % 8], 1 + i % 12, '2025-2026', t.school, t.id
   FROM generate_series(0, ${SIZE.classes - 1}) i JOIN "User" t ON t.id = 'bt' || i`,
  `INSERT INTO "Enrollment" (id, "courseId", "userId") SELECT 'be' || s, 'bc' || (s / ${SIZE.studentsPerClass}), 'bs' || s FROM generate_series(0, ${SIZE.classes * SIZE.studentsPerClass - 1}) s`,
  // Class i: weekdays i%5 and (i%5+2)%5 (0 = Monday), at 7 + i%10 o'clock in Hà Nội time, 45 minutes.
  `INSERT INTO "Event" (id, kind, title, "startsAt", "endsAt", rrule, "seriesEndsAt", status, record, "roomName", "hostId", "courseId", "updatedAt")
   SELECT 'bl' || i, 'CLASS', c.name, w.first, w.first + interval '45 minutes',
     'RRULE:FREQ=WEEKLY;BYDAY=' || (ARRAY['MO','TU','WE','TH','FR'])[1 + i % 5] || ',' || (ARRAY['MO','TU','WE','TH','FR'])[1 + (i % 5 + 2) % 5] || ';UNTIL=20260529T165959Z',
     '2026-05-29 16:59:59', 'ENDED', i % 8 = 0, 'bench-lesson-' || i, c."teacherId", c.id, now()
   FROM generate_series(0, ${SIZE.classes - 1}) i JOIN "Course" c ON c.id = 'bc' || i
   CROSS JOIN LATERAL (SELECT timestamp '2025-09-08 00:00' + make_interval(days => LEAST(i % 5, (i % 5 + 2) % 5), hours => i % 10) AS first) w`,
  `CREATE TEMP TABLE bench_lessons AS
   SELECT 'bl' || i AS event_id, i, timestamp '2025-09-08 00:00' + make_interval(days => wk * 7 + d, hours => i % 10) AS starts_at
   FROM generate_series(0, ${SIZE.classes - 1}) i, generate_series(0, ${SIZE.weeks - 1}) wk, unnest(ARRAY[i % 5, (i % 5 + 2) % 5]) d`,
  `INSERT INTO "Attendance" (id, "eventId", "userId", "displayName", "meetingRole", "joinedAt", "leftAt")
   SELECT 'ba' || row_number() OVER (), l.event_id, e."userId", 'Học sinh', 'ATTENDEE',
     l.starts_at + make_interval(mins => (hashint4((l.i * 131 + e.n)::int) & 15) - 3), l.starts_at + make_interval(mins => 40 + (hashint4(e.n::int) & 5))
   FROM bench_lessons l JOIN (SELECT "courseId", "userId", row_number() OVER () AS n FROM "Enrollment") e ON e."courseId" = 'bc' || l.i
   WHERE (hashint4(l.i * 7919 + e.n::int + extract(epoch FROM l.starts_at)::int) & 127) < 110`,
  `INSERT INTO "Attendance" (id, "eventId", "userId", "displayName", "meetingRole", "joinedAt", "leftAt")
   SELECT 'bh' || row_number() OVER (), l.event_id, 'bt' || l.i, 'Giáo viên', 'HOST', l.starts_at - interval '5 minutes', l.starts_at + interval '46 minutes' FROM bench_lessons l`,
  // Conference j: on day 1.3 j of the year at 8:00 (Hà Nội), 3 hours, with 3 + j%7 bridge points.
  `INSERT INTO "Event" (id, kind, title, "startsAt", "endsAt", status, record, "roomName", "hostId", "updatedAt")
   SELECT 'bf' || j, 'CONFERENCE', 'Hội nghị ' || j, timestamp '2025-09-08 01:00' + make_interval(days => (j * 13) / 10),
     timestamp '2025-09-08 04:00' + make_interval(days => (j * 13) / 10), 'ENDED', true, 'bench-conference-' || j,
     (SELECT id FROM "User" WHERE email = 'bench-staff@bench.local'), now()
   FROM generate_series(0, ${SIZE.conferences - 1}) j`,
  `INSERT INTO "EventBridgePoint" ("eventId", "bridgePointId")
   SELECT 'bf' || j, b.id FROM generate_series(0, ${SIZE.conferences - 1}) j
   JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM "BridgePoint") b ON (b.n - j % 9 + 9) % 9 < 3 + j % 7`,
  `INSERT INTO "Attendance" (id, "eventId", "userId", "bridgePointId", "displayName", "meetingRole", "joinedAt", "leftAt")
   SELECT 'bp' || row_number() OVER (), e.id, NULL, ebp."bridgePointId", 'Điểm cầu', 'ATTENDEE',
     e."startsAt" + make_interval(mins => (hashint4(length(e.id) * 31 + ascii(right(ebp."bridgePointId", 1)) + extract(epoch FROM e."startsAt")::int) & 31) - 8), e."endsAt"
   FROM "Event" e JOIN "EventBridgePoint" ebp ON ebp."eventId" = e.id
   WHERE e.kind = 'CONFERENCE' AND (hashint4(ascii(right(ebp."bridgePointId", 2)) + extract(epoch FROM e."startsAt")::int) & 15) <> 0`,
  `INSERT INTO "Recording" (id, "eventId", status, progress, "durationSec", "startedAt", "endedAt")
   SELECT 'br' || e.id, e.id, 'READY'::"RecordingStatus", 100, 3 * 3600, e."startsAt", e."endsAt" FROM "Event" e WHERE e.kind = 'CONFERENCE'
   UNION ALL
   SELECT 'br' || l.event_id || '-' || extract(epoch FROM l.starts_at)::bigint, l.event_id, 'READY', 100, 45 * 60, l.starts_at, l.starts_at + interval '45 minutes'
   FROM bench_lessons l WHERE l.i % 8 = 0`,
  `INSERT INTO "Material" (id, title, subject, grade, tags, visibility, published, "publishedAt", "ownerId", "recordingId", "createdAt", "updatedAt")
   SELECT 'bm' || r.id, e.title, c.subject, c.grade, '{}', 'INTERNAL', true, r."endedAt", e."hostId", r.id, r."endedAt", now()
   FROM "Recording" r JOIN "Event" e ON e.id = r."eventId" LEFT JOIN "Course" c ON c.id = e."courseId"`,
  // Heartbeats: view v watches 1 + v%15 heartbeats of 10 s (a view counts from 30 s), within 60 days of the material.
  `INSERT INTO "MaterialView" (id, "materialId", day, "viewerKey", "userId", "watchedSec", "countedAt", "firstSeenAt", "lastSeenAt")
   SELECT 'bv' || v, m.id, LEAST(date '2026-08-31', m."createdAt"::date + v % 60), 'u:bs' || v, NULL, 10 * (1 + v % 15),
     CASE WHEN 1 + v % 15 >= 3 THEN m."createdAt" + make_interval(days => v % 60) END, m."createdAt", m."createdAt"
   FROM generate_series(0, ${SIZE.heartbeatViews - 1}) v
   JOIN (SELECT id, "createdAt", row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total FROM "Material") m ON m.n = (v * 7919) % m.total`,
  `UPDATE "Material" m SET "viewCount" = c.views FROM (SELECT "materialId", count("countedAt") AS views FROM "MaterialView" GROUP BY 1) c WHERE c."materialId" = m.id`,
];

async function generate(db: Db): Promise<Record<string, number>> {
  await seedDepartment(db);
  await db.user.create({ data: { id: "bench-staff", email: "bench-staff@bench.local", name: "Cán bộ Sở", passwordHash: "x", role: "STAFF" } });
  await db.user.create({ data: { id: "bench-admin", email: "bench-admin@bench.local", name: "Quản trị", passwordHash: "x", role: "ADMIN" } });
  await db.$transaction(async (tx) => {
    for (const statement of GENERATE) await tx.$executeRawUnsafe(statement);
  }, { timeout: 30 * 60_000 });
  // Vacuumed as well as analyzed, as a database that has lived with these rows is: otherwise
  // autovacuum works through the fresh million rows while the first questions are timed.
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  const [counts] = await db.$queryRaw<Record<string, bigint>[]>`SELECT
    (SELECT count(*) FROM "Course") AS classes, (SELECT count(*) FROM "User" WHERE role = 'STUDENT') AS students,
    (SELECT count(*) FROM "Event" WHERE kind = 'CONFERENCE') AS conferences, (SELECT count(*) FROM "Attendance") AS attendance,
    (SELECT count(*) FROM "Recording") AS recordings, (SELECT count(*) FROM "Material") AS materials,
    (SELECT count(*) FROM "MaterialView") AS "viewRows", (SELECT sum("watchedSec") / 10 FROM "MaterialView") AS heartbeats`;
  return Object.fromEntries(Object.entries(counts!).map(([k, v]) => [k, Number(v)]));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await work(); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const YEAR = { period: "school-year", date: "2026-03-01" } as const;

const database = await createTestDatabaseOf("postgresql");
const db = createPrismaClient(database.url);
try {
  const started = performance.now();
  const size = await generate(db);
  const loadSeconds = (performance.now() - started) / 1000;
  console.error(`[stats] school year generated in ${loadSeconds.toFixed(0)} s: ${JSON.stringify(size)}`);
  const district = await db.district.findFirstOrThrow({ where: { name: "Đông Hà" }, select: { id: true } });
  await db.user.update({ where: { id: "bench-staff" }, data: { districtId: null } });
  const districtStaff = await db.user.create({ data: { email: "canbo-dh@bench.local", name: "Cán bộ Đông Hà", passwordHash: "x", role: "STAFF", districtId: district.id } });
  const { token } = await createServiceToken(db, "bench-admin", { name: "IOC", scopes: ["statistics.summary", "statistics.trend", "statistics.bridge-points"] });

  const dashboard: [string, { id: string; role: "ADMIN" | "STAFF" }, Record<string, string>][] = [
    ["school year by district (province)", { id: "bench-admin", role: "ADMIN" }, { ...YEAR, groupBy: "district" }],
    ["school year by district (district staff)", { id: districtStaff.id, role: "STAFF" }, { ...YEAR, groupBy: "district" }],
    ["school year by bridge point", { id: "bench-staff", role: "STAFF" }, { ...YEAR, groupBy: "bridgePoint" }],
    ["school year by subject", { id: "bench-staff", role: "STAFF" }, { ...YEAR, groupBy: "subject" }],
    ["month by school", { id: "bench-staff", role: "STAFF" }, { period: "month", date: "2026-03-15", groupBy: "school" }],
    ["week by grade", { id: "bench-staff", role: "STAFF" }, { period: "week", date: "2026-03-18", groupBy: "grade" }],
  ];
  const api: [string, string, TStatisticsResponder, "statistics.summary" | "statistics.trend" | "statistics.bridge-points"][] = [
    ["summary, school year by district", "/api/v1/thong-ke/tong-hop?period=school-year&date=2026-03-01&groupBy=district", summaryResponse, "statistics.summary"],
    ["summary, one district's school year", `/api/v1/thong-ke/tong-hop?period=school-year&date=2026-03-01&districtId=${district.id}`, summaryResponse, "statistics.summary"],
    ["trend, school year by month", "/api/v1/thong-ke/xu-huong?period=school-year&date=2026-03-01", trendResponse, "statistics.trend"],
    ["bridge points, school year", "/api/v1/thong-ke/diem-cau?period=school-year&date=2026-03-01", bridgePointsResponse, "statistics.bridge-points"],
    ["summary, a month by subject", "/api/v1/thong-ke/tong-hop?period=month&date=2026-03-15&groupBy=subject", summaryResponse, "statistics.summary"],
  ];
  const rows: (string | number)[][] = [];
  const figures: Record<string, unknown> = {};
  for (const [name, user, params] of dashboard) {
    const query = ZStatisticsQuerySchema.parse(params);
    const result = await time(() => loadStatisticsForUser(db, user, query));
    figures[`dashboard: ${name}`] = result;
    rows.push(["dashboard", name, result.p50.toFixed(1), result.p95.toFixed(1), name.startsWith("school year by district") ? verdict(result.p95 <= TARGET_P95_MS) : ""]);
  }
  for (const [name, path, respond, scope] of api) {
    const request = () => new Request(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${token}` } });
    const check = await handleStatisticsRequest(db, request(), scope, respond);
    if (check.status !== 200) throw new Error(`${path}: ${check.status} ${await check.text()}`);
    const result = await time(async () => (await handleStatisticsRequest(db, request(), scope, respond)).text());
    figures[`api: ${name}`] = result;
    rows.push(["api", name, result.p50.toFixed(1), result.p95.toFixed(1), name.includes("school year by district") ? verdict(result.p95 <= TARGET_P95_MS) : ""]);
  }
  const { stats: sample } = await loadStatisticsForUser(db, { id: "bench-admin", role: "ADMIN" }, ZStatisticsQuerySchema.parse({ ...YEAR, groupBy: "district" }));
  console.log(`\nStatistics over a generated school year (${RUNS} runs of each question after 3 warm-ups)`);
  console.log(JSON.stringify(size));
  console.log(`school year totals: ${JSON.stringify(sample.totals)}\n`);
  console.log(formatTable(["path", "question", "p50 ms", "p95 ms", `p95 ≤ ${TARGET_P95_MS} ms`], rows));
  console.log(`\n${saveResults("stats", { size, loadSeconds, runs: RUNS, targetP95Ms: TARGET_P95_MS, figures, totals: sample.totals })}`);
} finally {
  await db.$disconnect();
  await database.drop();
}

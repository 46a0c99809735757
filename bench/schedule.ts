/**
 * Scheduling benchmark: a school year of data in a fresh database (the demo seed, plus 400 schools'
 * weekly classes — about 20,000 lessons stored as 400 RRULE series, as the schedule stores them —
 * with 30 students each, and ~4 conferences a week across the 9 bridge points), then the median
 * server time of the week view and of a calendar feed:
 *   - in process: the week view's query + recurrence expansion (listSchedule), and the feed's
 *     query + iCalendar rendering (serveCalendarFeed);
 *   - over HTTP against `next start` of the built web app (GET /lich as a signed-in user and
 *     GET /calendar/<token>.ics), which adds React rendering and next-auth. Skipped, with a note,
 *     when apps/web has not been built (`npm run build -w @diemcau/web`).
 *
 *   tsx bench/schedule.ts [--runs 30] [--schools 400] [--web-dir apps/web]
 * Needs PostgreSQL (DATABASE_URL's server, default 127.0.0.1:5432); the database is dropped after.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createPrismaClient, DEMO_PASSWORD, seedDemo, type Db } from "@diemcau/db";
import { createTestDatabase } from "@diemcau/db/test-database";
import { buildCalendarFeed } from "@diemcau/calendar/build-calendar-feed";
import { regenerateCalendarToken } from "../apps/web/lib/calendar/calendar-token";
import { findFeedEvents } from "@diemcau/calendar/find-feed-events";
import { serveCalendarFeed } from "../apps/web/lib/calendar/serve-calendar-feed";
import { listSchedule } from "../apps/web/lib/schedule/list-schedule";
import { buildWeeklySeries } from "@diemcau/calendar/recurrence";
import { addLocalDays, startOfLocalWeek, zonedInputToUtc } from "@diemcau/calendar/time-zone";
import { formatTable, saveResults, verdict } from "./lib/results";

/** What "stays fast" means here: a page or a feed in well under a second on one core. */
const TARGET_MEDIAN_MS = 300;
const STUDENTS_PER_CLASS = 30;
const CONFERENCES_PER_WEEK = 4;
const SCHOOL_YEAR = { first: "2026-09-07", last: "2027-08-22" }; // 50 weeks
const HOLIDAYS = ["2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"]; // Tết week
/** The week measured: mid-year, every series active. */
const WEEK_OF = "2026-11-18";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    schools: { type: "string", default: "400" },
    "web-dir": { type: "string", default: path.join(import.meta.dirname, "../apps/web") },
  },
});
const RUNS = Number(args.runs);
const SCHOOLS = Number(args.schools);
const WEB_DIR = path.resolve(args["web-dir"]!);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeRuns(run: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await run(); // warm caches and JIT
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { median: median(times), p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! };
}

async function seedYear(db: Db): Promise<{ lessons: number; conferences: number; students: number }> {
  const passwordHash = (await db.user.findFirstOrThrow({ where: { email: "canbo@diemcau.local" } })).passwordHash;
  const bridgePoints = await db.bridgePoint.findMany({ select: { id: true } });
  const staff = await db.user.findFirstOrThrow({ where: { role: "STAFF" } });
  const subjects = ["Toán", "Ngữ văn", "Tiếng Anh", "Vật lý", "Hóa học", "Sinh học", "Lịch sử", "Địa lý"];

  await db.user.createMany({
    data: Array.from({ length: SCHOOLS }, (_, s) => ({
      email: `bench.gv${s}@diemcau.local`,
      name: `Giáo viên ${s + 1}`,
      passwordHash,
      role: "TEACHER" as const,
      school: `Trường THCS số ${s + 1}`,
    })),
  });
  const teachers = await db.user.findMany({ where: { email: { startsWith: "bench.gv" } }, select: { id: true, email: true } });
  await db.user.createMany({
    data: Array.from({ length: SCHOOLS * STUDENTS_PER_CLASS }, (_, i) => ({
      email: `bench.hs${i}@diemcau.local`,
      name: `Học sinh ${i + 1}`,
      passwordHash,
      role: "STUDENT" as const,
    })),
  });
  const students = await db.user.findMany({ where: { email: { startsWith: "bench.hs" } }, select: { id: true, email: true } });
  const studentIndex = new Map(students.map((s) => [Number(s.email.slice("bench.hs".length).split("@")[0]), s.id]));

  let lessons = 0;
  for (const [s, teacher] of teachers.entries()) {
    const course = await db.course.create({
      data: { name: `${subjects[s % subjects.length]} 9 — trường ${s + 1}`, subject: subjects[s % subjects.length]!, grade: 9, schoolYear: "2026-2027", teacherId: teacher.id },
    });
    await db.enrollment.createMany({
      data: Array.from({ length: STUDENTS_PER_CLASS }, (_, k) => ({ courseId: course.id, userId: studentIndex.get(s * STUDENTS_PER_CLASS + k)! })),
    });
    const series = buildWeeklySeries({
      weekdays: [1 + (s % 6)],
      firstDate: SCHOOL_YEAR.first,
      lastDate: SCHOOL_YEAR.last,
      startTime: `${String(7 + (s % 12)).padStart(2, "0")}:${s % 2 ? "30" : "00"}`,
      durationMinutes: 45,
      exceptionDates: HOLIDAYS,
    })!;
    lessons += series.occurrenceCount;
    await db.event.create({
      data: {
        kind: "CLASS",
        title: course.name,
        hostId: teacher.id,
        courseId: course.id,
        startsAt: series.startsAt,
        endsAt: series.endsAt,
        rrule: series.rrule,
        seriesEndsAt: series.seriesEndsAt,
      },
    });
  }

  let conferences = 0;
  const firstMonday = zonedInputToUtc(SCHOOL_YEAR.first, "08:00")!;
  for (let week = 0; week < 50; week++) {
    for (let c = 0; c < CONFERENCES_PER_WEEK; c++) {
      const startsAt = addLocalDays(firstMonday, week * 7 + c);
      const taking = c === 0 ? bridgePoints : bridgePoints.filter((_, i) => (i + week + c) % 3 === 0);
      await db.event.create({
        data: {
          kind: "CONFERENCE",
          title: `Hội nghị tuần ${week + 1} số ${c + 1}`,
          hostId: staff.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
          status: (week * CONFERENCES_PER_WEEK + c) % 25 === 0 ? "CANCELLED" : "SCHEDULED",
          bridgePoints: { create: taking.map((b) => ({ bridgePointId: b.id })) },
        },
      });
      conferences++;
    }
  }
  return { lessons, conferences, students: students.length };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startWeb(databaseUrl: string): Promise<{ baseUrl: string; child: ChildProcess }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(import.meta.dirname, "../node_modules/.bin/next"), ["start", "-p", String(port)], {
    cwd: WEB_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123", NEXTAUTH_URL: baseUrl },
    stdio: "ignore",
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/dang-nhap`)).ok) return { baseUrl, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  child.kill();
  throw new Error("next start did not answer within 60 s");
}

/** Signs in through next-auth's credentials flow and returns the Cookie header to send. */
async function signIn(baseUrl: string, email: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrfToken, json: "true" }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed for ${email} (${response.status})`);
  return [...cookies, session].join("; ");
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const db = createPrismaClient(database.url);
  let web: ChildProcess | undefined;
  try {
    const seedStart = performance.now();
    await seedDemo(db);
    // This benchmark measures schedules, not the forced first password change of demo accounts.
    await db.user.updateMany({ where: { isDemo: true }, data: { mustChangePassword: false } });
    const data = await seedYear(db);
    console.log(
      `seeded ${data.lessons} lessons (${SCHOOLS} weekly series), ${data.conferences} conferences, ${data.students} students in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    const weekStart = startOfLocalWeek(zonedInputToUtc(WEEK_OF, "12:00")!);
    const weekEnd = addLocalDays(weekStart, 7);
    const viewers = {
      "staff (all conferences)": await db.user.findFirstOrThrow({ where: { email: "canbo@diemcau.local" } }),
      "bridge point Đông Hà": await db.user.findFirstOrThrow({ where: { email: "dongha@diemcau.local" } }),
      "teacher (1 of 400)": await db.user.findFirstOrThrow({ where: { email: "bench.gv123@diemcau.local" } }),
      "student (1 of 12,000)": await db.user.findFirstOrThrow({ where: { email: "bench.hs4567@diemcau.local" } }),
    };
    const rows: (string | number)[][] = [];
    const results: Record<string, unknown>[] = [];
    const record = (what: string, viewer: string, t: { median: number; p95: number }, detail: string) => {
      rows.push([what, viewer, t.median.toFixed(1), t.p95.toFixed(1), detail]);
      results.push({ what, viewer, medianMs: t.median, p95Ms: t.p95, detail });
    };

    const tokens = new Map<string, string>();
    for (const [label, viewer] of Object.entries(viewers)) {
      const items = await listSchedule(db, viewer, weekStart, weekEnd);
      record("week view query (in process)", label, await timeRuns(() => listSchedule(db, viewer, weekStart, weekEnd)), `${items.length} items`);
      const token = await regenerateCalendarToken(db, viewer.id);
      tokens.set(label, token);
      const feed = await (await serveCalendarFeed(db, `${token}.ics`, { baseUrl: "http://localhost:3000" })).text();
      const size = `${feed.match(/BEGIN:VEVENT/g)?.length ?? 0} VEVENTs, ${(feed.length / 1024).toFixed(0)} KiB`;
      const render = async () => buildCalendarFeed(await findFeedEvents(db, viewer), { name: viewer.name, baseUrl: "http://localhost:3000" });
      record("feed query + render (in process)", label, await timeRuns(render), size);
      record("feed, unchanged since last poll (in process)", label, await timeRuns(async () => (await serveCalendarFeed(db, `${token}.ics`, { baseUrl: "http://localhost:3000" })).text()), "query + hash, rendered copy reused");
    }

    let httpNote = "";
    if (existsSync(path.join(WEB_DIR, ".next/BUILD_ID"))) {
      const started = await startWeb(database.url);
      web = started.child;
      for (const [label, viewer] of Object.entries(viewers)) {
        const cookie = await signIn(started.baseUrl, viewer.email);
        const weekUrl = `${started.baseUrl}/lich?xem=tuan&ngay=${WEEK_OF}`;
        const probe = await fetch(weekUrl, { headers: { cookie } });
        if (!probe.ok) throw new Error(`GET /lich answered ${probe.status} for ${label}`);
        const html = await probe.text();
        record("GET /lich week view (HTTP)", label, await timeRuns(async () => (await fetch(weekUrl, { headers: { cookie } })).text()), `${(html.length / 1024).toFixed(0)} KiB HTML`);
        const feedUrl = `${started.baseUrl}/calendar/${tokens.get(label)}.ics`;
        record("GET /calendar/<token>.ics (HTTP)", label, await timeRuns(async () => (await fetch(feedUrl)).text()), "unchanged feed, full body");
      }
    } else httpNote = `HTTP timings skipped: ${WEB_DIR} is not built (npm run build -w @diemcau/web).`;

    console.log(`\nWeek of ${WEEK_OF}; ${RUNS} runs each after 3 warm-up runs; times in ms.\n`);
    console.log(formatTable(["measure", "viewer", "median", "p95", "detail"], rows));
    if (httpNote) console.log(`\n${httpNote}`);
    const worst = Math.max(...results.map((r) => r.medianMs as number));
    console.log(`\nTarget: every median under ${TARGET_MEDIAN_MS} ms — ${verdict(worst < TARGET_MEDIAN_MS)} (worst ${worst.toFixed(1)} ms)`);
    const file = saveResults("schedule", { data, runs: RUNS, weekOf: WEEK_OF, targetMedianMs: TARGET_MEDIAN_MS, results, httpNote });
    console.log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    web?.kill();
    await db.$disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

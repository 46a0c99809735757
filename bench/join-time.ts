/**
 * Join time: from clicking "Tham gia" to the first decoded remote frame (requestVideoFrameCallback),
 * median over several joins in headless Chromium with a fake camera (320×180), all on loopback.
 *
 * Two pages in the same run: the bare baseline, a minimal page that joins a bare mediasoup Router
 * with mediasoup-client over a bare WebSocket (bench/join/bare-*), and our room page
 * /phong/[eventId] on the whole stack (scripts/start.ts on a throwaway database with the demo seed):
 * the staff account schedules a conference starting now and hosts it with its camera, the admin
 * account joins again and again, clicking once its preview shows, as a person does. Bare and room
 * joins alternate in one run, so load from other processes hits both alike. The room page is
 * observed from outside (bench/join/first-remote-frame.ts), with nothing of its own code.
 *
 * With --timeline, both pages are also watched step by step (bench/join/join-timeline.ts) and the
 * median time of each step after the click is printed for each, to show where the difference lies.
 *
 *   tsx bench/join-time.ts [--joins 10] [--skip-build] [--bare-only] [--timeline]
 */
import { parseArgs } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startBareServer } from "./join/bare-server";
import { scheduleConferenceNow } from "./join/conference-now";
import { instrumentFirstRemoteFrame } from "./join/first-remote-frame";
import { instrumentJoinTimeline } from "./join/join-timeline";
import { startRoomStack } from "./join/room-stack";
import { launchChromium, signInPage } from "./lib/browser";
import { formatTable, saveResults, verdict } from "./lib/results";

const TARGET_RATIO = 1.2;
const JOIN_TIMEOUT_MS = 20_000;

const { values: args } = parseArgs({
  options: {
    joins: { type: "string", default: "10" },
    "skip-build": { type: "boolean", default: false },
    "bare-only": { type: "boolean", default: false },
    timeline: { type: "boolean", default: false },
  },
});
/** The seed's demo accounts (see e2e/fixtures.ts). */
const HOST_EMAIL = "canbo@diemcau.local";
const JOINER_EMAIL = "admin@diemcau.local";
/** As the e2e specs: software VP8 is the costly part on 2 cores. */
const CAMERA = "camera=320x180@15";
const joins = Math.max(1, Number(args.joins));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type TTimeline = Record<string, number>;
type TJoiner = { name: string; join(): Promise<number>; close(): Promise<void>; timelines: TTimeline[] };

/** Watches a context's pages step by step (--timeline); the click is noted by instrumentFirstRemoteFrame. */
async function watchSteps(context: BrowserContext): Promise<void> {
  if (!args.timeline) return;
  await context.addInitScript(instrumentFirstRemoteFrame);
  await context.addInitScript(instrumentJoinTimeline);
}

async function readTimeline(page: Page): Promise<TTimeline> {
  return page.evaluate(() => (window as { benchTimeline?: Record<string, number> }).benchTimeline ?? {});
}

/** Each step's median time after the click, over the joins that reached it, in the order they happen. */
function timelineTable(joiner: TJoiner): string {
  const steps = new Map<string, number[]>();
  for (const timeline of joiner.timelines) for (const [step, ms] of Object.entries(timeline)) steps.set(step, [...(steps.get(step) ?? []), ms]);
  const rows = [...steps].map(([step, times]) => [step, times.length, median(times)] as const).sort((a, b) => a[2] - b[2]);
  return formatTable([`${joiner.name}: step`, "joins", "median ms after click"], rows.map(([step, n, ms]) => [step, n, ms.toFixed(0)]));
}

/** The bare baseline: a sender page publishes the fake camera; each join is a fresh page. */
async function bareJoiner(browser: Browser): Promise<TJoiner> {
  const server = await startBareServer({ min: 56000, max: 56999 });
  const context = await browser.newContext();
  await watchSteps(context);
  const sender = await context.newPage();
  await sender.goto(`${server.url}?role=send`);
  await sender.waitForFunction(() => window.benchSending || window.benchError, null, { timeout: JOIN_TIMEOUT_MS });
  const senderError = await sender.evaluate(() => window.benchError);
  if (senderError) throw new Error(`bare sender failed: ${senderError}`);
  const timelines: TTimeline[] = [];
  return {
    name: "bare",
    timelines,
    async join() {
      const page = await context.newPage();
      try {
        await page.goto(server.url);
        await page.getByRole("button", { name: "Tham gia" }).click();
        await page.waitForFunction(() => window.benchJoinMs !== undefined || window.benchError, null, { timeout: JOIN_TIMEOUT_MS });
        const { ms, error } = await page.evaluate(() => ({ ms: window.benchJoinMs, error: window.benchError }));
        if (error || ms === undefined) throw new Error(`bare join failed: ${error}`);
        if (args.timeline) timelines.push({ ...(await readTimeline(page)), "first remote frame": ms });
        return ms;
      } finally {
        await page.close();
      }
    },
    async close() {
      await context.close();
      await server.close();
    },
  };
}

/**
 * Our room page: the staff host publishes its camera in a conference it schedules now; the admin
 * joins it from a fresh page each time, after the preview has shown (as a person clicks "Tham gia"
 * after seeing themselves), and the page is observed from outside (first-remote-frame.ts).
 */
async function roomJoiner(browser: Browser): Promise<TJoiner> {
  const stack = await startRoomStack({ build: !args["skip-build"] });
  const hostContext = await browser.newContext();
  const host = await hostContext.newPage();
  await signInPage(host, stack.baseUrl, HOST_EMAIL);
  const roomPath = await scheduleConferenceNow(host, stack.baseUrl, "Đo thời gian vào phòng");
  await host.goto(`${stack.baseUrl}${roomPath}?${CAMERA}`);
  await host.getByRole("button", { name: "Tham gia" }).click();
  await host.getByTestId("toggle-mic").waitFor({ timeout: JOIN_TIMEOUT_MS });
  const joiner = await browser.newContext();
  await joiner.addInitScript(instrumentFirstRemoteFrame);
  if (args.timeline) await joiner.addInitScript(instrumentJoinTimeline);
  const timelines: TTimeline[] = [];
  await signInPage(await joiner.newPage(), stack.baseUrl, JOINER_EMAIL);
  return {
    name: "room",
    timelines,
    async join() {
      const page = await joiner.newPage();
      try {
        await page.goto(`${stack.baseUrl}${roomPath}?${CAMERA}`);
        await page.getByTestId("preview").locator("video:not([hidden])").waitFor({ timeout: JOIN_TIMEOUT_MS });
        await page.getByRole("button", { name: "Tham gia" }).click();
        await page.waitForFunction(() => (window as { benchFirstFrameAt?: number }).benchFirstFrameAt !== undefined, null, { timeout: JOIN_TIMEOUT_MS });
        const ms = await page.evaluate(() => {
          const w = window as { benchClickAt?: number; benchFirstFrameAt?: number };
          return w.benchFirstFrameAt! - w.benchClickAt!;
        });
        if (args.timeline) timelines.push({ ...(await readTimeline(page)), "first remote frame": ms });
        return ms;
      } finally {
        await page.close();
      }
    },
    async close() {
      await hostContext.close();
      await joiner.close();
      await stack.close();
    },
  };
}

/** Bare and room joins take turns, so load from other processes falls on both alike. */
async function alternateJoins(browser: Browser): Promise<{ bare: number[]; room: number[] | null }> {
  const joiners = [await bareJoiner(browser)];
  try {
    if (!args["bare-only"]) joiners.push(await roomJoiner(browser));
    const times = new Map<string, number[]>(joiners.map((j) => [j.name, []]));
    for (let i = 0; i < joins; i++) {
      for (const joiner of joiners) {
        const ms = await joiner.join();
        times.get(joiner.name)!.push(ms);
        console.log(`  ${joiner.name} join ${i + 1}/${joins}: ${ms.toFixed(0)} ms`);
      }
    }
    if (args.timeline) for (const joiner of joiners) console.log(`\n${timelineTable(joiner)}`);
    return { bare: times.get("bare")!, room: times.get("room") ?? null };
  } finally {
    for (const joiner of joiners) await joiner.close();
  }
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    console.log(`Join time: ${joins} joins of each page, alternating, click "Tham gia" → first decoded remote frame`);
    const { bare, room } = await alternateJoins(browser);
    const bareMedian = median(bare);
    const roomMedian = room ? median(room) : null;
    const ratio = roomMedian === null ? null : roomMedian / bareMedian;
    console.log();
    console.log(
      formatTable(
        ["page", "joins", "median ms", "min ms", "max ms", "ratio to bare", "target"],
        [
          ["bare mediasoup-client + WebSocket", bare.length, bareMedian.toFixed(0), Math.min(...bare).toFixed(0), Math.max(...bare).toFixed(0), "1.00", "baseline"],
          room && roomMedian !== null && ratio !== null
            ? ["our room page /phong/[eventId]", room.length, roomMedian.toFixed(0), Math.min(...room).toFixed(0), Math.max(...room).toFixed(0), ratio.toFixed(2), `≤ ${TARGET_RATIO}× bare: ${verdict(ratio <= TARGET_RATIO)}`]
            : ["our room page /phong/[eventId]", "-", "skipped (--bare-only)", "-", "-", "-", `≤ ${TARGET_RATIO}× bare`],
        ],
      ),
    );
    const file = saveResults("join-time", {
      at: new Date().toISOString(),
      joins,
      bare: { timesMs: bare, medianMs: bareMedian },
      room: room ? { timesMs: room, medianMs: roomMedian } : null,
      ratioRoomOverBare: ratio,
      targetRatio: TARGET_RATIO,
    });
    console.log(`JSON: ${file}`);
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * Join time: from clicking "Tham gia" to the first decoded remote frame (requestVideoFrameCallback),
 * median over several joins in headless Chromium with a fake camera (320×180), all on loopback.
 *
 * Two pages in the same run: the bare baseline, a minimal page that joins a bare mediasoup Router
 * with mediasoup-client over a bare WebSocket (bench/join/bare-*), and our room page
 * /phong/[eventId] on the whole stack (scripts/start.ts on a throwaway database with the demo seed):
 * the staff account schedules a conference starting now and hosts it with its camera, the admin
 * account joins again and again. Each room join also prints the page's performance marks
 * (diemcau:join:*) after the click, to show where the time goes.
 *
 *   tsx bench/join-time.ts [--joins 10] [--skip-build] [--bare-only]
 */
import { parseArgs } from "node:util";
import type { Browser, Page } from "playwright-core";
import { startBareServer } from "./join/bare-server";
import { scheduleConferenceNow } from "./join/conference-now";
import { instrumentFirstRemoteFrame } from "./join/first-remote-frame";
import { startRoomStack } from "./join/room-stack";
import { launchChromium, signInPage } from "./lib/browser";
import { formatTable, saveResults, verdict } from "./lib/results";

const TARGET_RATIO = 1.5;
const JOIN_TIMEOUT_MS = 20_000;

const { values: args } = parseArgs({
  options: {
    joins: { type: "string", default: "10" },
    "skip-build": { type: "boolean", default: false },
    "bare-only": { type: "boolean", default: false },
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

/** Opens a sender page that publishes the fake camera, then joins `joins` times from fresh pages. */
async function measureBare(browser: Browser): Promise<number[]> {
  const server = await startBareServer({ min: 56000, max: 56999 });
  const context = await browser.newContext();
  try {
    const sender = await context.newPage();
    await sender.goto(`${server.url}?role=send`);
    await sender.waitForFunction(() => window.benchSending || window.benchError, null, { timeout: JOIN_TIMEOUT_MS });
    const senderError = await sender.evaluate(() => window.benchError);
    if (senderError) throw new Error(`bare sender failed: ${senderError}`);
    const times: number[] = [];
    for (let i = 0; i < joins; i++) {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole("button", { name: "Tham gia" }).click();
      await page.waitForFunction(() => window.benchJoinMs !== undefined || window.benchError, null, { timeout: JOIN_TIMEOUT_MS });
      const { ms, error } = await page.evaluate(() => ({ ms: window.benchJoinMs, error: window.benchError }));
      if (error || ms === undefined) throw new Error(`bare join ${i + 1} failed: ${error}`);
      times.push(ms);
      console.log(`  bare join ${i + 1}/${joins}: ${ms.toFixed(0)} ms`);
      await page.close();
    }
    return times;
  } finally {
    await context.close();
    await server.close();
  }
}

/** The page's join marks after the click, e.g. "socket-ready +3 joined +9 transports +15 consumer +31". */
function describeMarks(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clickAt = (window as { benchClickAt?: number }).benchClickAt ?? 0;
    return performance
      .getEntriesByType("mark")
      .filter((mark) => mark.name.startsWith("diemcau:join:"))
      .map((mark) => `${mark.name.slice("diemcau:join:".length)} +${(mark.startTime - clickAt).toFixed(0)}`)
      .join(" ");
  });
}

/** The staff host publishes its camera in a conference it schedules now; the admin joins it `joins` times. */
async function measureRoom(browser: Browser): Promise<number[]> {
  const stack = await startRoomStack({ build: !args["skip-build"] });
  try {
    const host = await (await browser.newContext()).newPage();
    await signInPage(host, stack.baseUrl, HOST_EMAIL);
    const roomPath = await scheduleConferenceNow(host, stack.baseUrl, "Đo thời gian vào phòng");
    await host.goto(`${stack.baseUrl}${roomPath}?${CAMERA}`);
    await host.getByRole("button", { name: "Tham gia" }).click();
    await host.getByTestId("toggle-mic").waitFor({ timeout: JOIN_TIMEOUT_MS });

    const joiner = await browser.newContext();
    await joiner.addInitScript(instrumentFirstRemoteFrame);
    await signInPage(await joiner.newPage(), stack.baseUrl, JOINER_EMAIL);
    const times: number[] = [];
    for (let i = 0; i < joins; i++) {
      const page = await joiner.newPage();
      await page.goto(`${stack.baseUrl}${roomPath}?${CAMERA}`);
      await page.getByRole("button", { name: "Tham gia" }).click();
      await page.waitForFunction(() => (window as { benchFirstFrameAt?: number }).benchFirstFrameAt !== undefined, null, { timeout: JOIN_TIMEOUT_MS });
      const ms = await page.evaluate(() => {
        const w = window as { benchClickAt?: number; benchFirstFrameAt?: number };
        return w.benchFirstFrameAt! - w.benchClickAt!;
      });
      times.push(ms);
      console.log(`  room join ${i + 1}/${joins}: ${ms.toFixed(0)} ms (${await describeMarks(page)})`);
      await page.close();
    }
    await host.context().close();
    await joiner.close();
    return times;
  } finally {
    await stack.close();
  }
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    console.log(`Join time: ${joins} joins, click "Tham gia" → first decoded remote frame`);
    const bare = await measureBare(browser);
    const bareMedian = median(bare);
    const room = args["bare-only"] ? null : await measureRoom(browser);
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

/**
 * Join time: from clicking "Tham gia" to the first decoded remote frame (requestVideoFrameCallback),
 * median over several joins in headless Chromium with a fake camera (320×180), all on loopback.
 *
 * This run measures the bare baseline: a minimal page that joins a bare mediasoup Router with
 * mediasoup-client over a bare WebSocket (bench/join/). Our room page (/phong/[eventId]) is not
 * measured yet; the table says so rather than print a made-up figure.
 *
 *   tsx bench/join-time.ts [--joins 10]
 */
import { parseArgs } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { startBareServer } from "./join/bare-server";
import { formatTable, saveResults } from "./lib/results";

const TARGET_RATIO = 1.5;
const JOIN_TIMEOUT_MS = 20_000;
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
];

const { values: args } = parseArgs({ options: { joins: { type: "string", default: "10" } } });
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

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    console.log(`Join time: ${joins} joins, click "Tham gia" → first decoded remote frame`);
    const bare = await measureBare(browser);
    const bareMedian = median(bare);
    console.log();
    console.log(
      formatTable(
        ["page", "joins", "median ms", "min ms", "max ms", "ratio to bare", "target"],
        [
          ["bare mediasoup-client + WebSocket", bare.length, bareMedian.toFixed(0), Math.min(...bare).toFixed(0), Math.max(...bare).toFixed(0), "1.00", "baseline"],
          ["our room page /phong/[eventId]", "-", "not measured", "-", "-", "-", `≤ ${TARGET_RATIO}× bare`],
        ],
      ),
    );
    const file = saveResults("join-time", {
      at: new Date().toISOString(),
      joins,
      bare: { timesMs: bare, medianMs: bareMedian },
      room: null,
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

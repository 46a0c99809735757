/**
 * "Video that never arrives": a browser soak on the whole stack (scripts/start.ts, a fresh
 * database with the demo seed). The staff account schedules a recorded conference across the
 * bridge points; each round, it joins as host (the recording runs), then two bridge points join
 * at once, each page in its own Chromium context with a fake 320×180 camera. Every page must
 * decode every remote video within 5 s of the bridge points' click, read from getStats
 * (framesDecoded of each inbound video) on every RTCPeerConnection the page made. A late or
 * missing video is followed for up to 20 s more, and the round's details are printed.
 *
 *   tsx bench/video-soak.ts [--rounds 30] [--skip-build]
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import type { BrowserContext, Page } from "playwright-core";
import { scheduleConferenceNow } from "./join/conference-now";
import { startRoomStack } from "./join/room-stack";
import { launchChromium, signInPage } from "./lib/browser";
import { formatTable, saveResults, verdict } from "./lib/results";

const { values: args } = parseArgs({
  options: { rounds: { type: "string", default: "30" }, "skip-build": { type: "boolean", default: false } },
});
const rounds = Number(args.rounds);
const DEADLINE_MS = 5000;
const FOLLOW_MS = 20_000;
const CAMERA = "camera=320x180@15";
const ACCOUNTS = { host: "canbo@diemcau.local", siteA: "dongha@diemcau.local", siteB: "camlo@diemcau.local" } as const;
type TSite = keyof typeof ACCOUNTS;

/** Bench-side instrument: keeps every RTCPeerConnection the page makes, to read their stats. */
const COLLECT_PEER_CONNECTIONS = () => {
  const Original = window.RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  (window as unknown as { benchPeerConnections: RTCPeerConnection[] }).benchPeerConnections = made;
  window.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      made.push(this);
    }
  } as typeof RTCPeerConnection;
};

/** Inbound videos of the page: how many exist and how many have decoded a frame. */
function videoState(page: Page): Promise<{ inbound: number; decoding: number; frames: number[] }> {
  return page.evaluate(async () => {
    const frames: number[] = [];
    for (const pc of (window as unknown as { benchPeerConnections: RTCPeerConnection[] }).benchPeerConnections) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((stat: { type: string; kind?: string; framesDecoded?: number; trackIdentifier?: string }) => {
        // mediasoup-client's "probator" receiver only ever gets bandwidth-probe padding, never frames.
        if (stat.type === "inbound-rtp" && stat.kind === "video" && stat.trackIdentifier !== "probator") frames.push(stat.framesDecoded ?? 0);
      });
    }
    return { inbound: frames.length, decoding: frames.filter((f) => f > 0).length, frames };
  });
}

type TPageResult = { site: TSite; msToAll: number | null; last: { inbound: number; decoding: number; frames: number[] } };

async function waitForVideos(site: TSite, page: Page, clickedAt: number): Promise<TPageResult> {
  let last = { inbound: 0, decoding: 0, frames: [] as number[] };
  while (Date.now() - clickedAt < DEADLINE_MS + FOLLOW_MS) {
    last = await videoState(page).catch(() => last);
    if (last.decoding >= 2) return { site, msToAll: Date.now() - clickedAt, last };
    await sleep(100);
  }
  return { site, msToAll: null, last };
}

const stack = await startRoomStack({
  build: !args["skip-build"],
  env: { EMPTY_ROOM_GRACE_SECONDS: "1", RTC_MIN_PORT: "46500", RTC_MAX_PORT: "46999" },
});
const browser = await launchChromium();
const results: { round: number; load: number; pages: TPageResult[] }[] = [];
/** Rounds whose host saw no recording indicator within 10 s of starting it. */
const recordingFailures: number[] = [];
try {
  const contexts = {} as Record<TSite, BrowserContext>;
  for (const site of Object.keys(ACCOUNTS) as TSite[]) {
    contexts[site] = await browser.newContext();
    await contexts[site].addInitScript(COLLECT_PEER_CONNECTIONS);
    await signInPage(await contexts[site].newPage(), stack.baseUrl, ACCOUNTS[site]);
  }
  const hostPage0 = contexts.host.pages()[0]!;
  const roomPath = await scheduleConferenceNow(hostPage0, stack.baseUrl, "Soak: hội nghị có ghi hình", { record: true });
  // The lobby opens around the start time: wait for the minute the conference starts.
  await sleep(Math.max(0, Math.ceil(Date.now() / 60_000) * 60_000 - Date.now()) + 1000);

  for (let round = 1; round <= rounds; round++) {
    const pages = {} as Record<TSite, Page>;
    for (const site of Object.keys(ACCOUNTS) as TSite[]) {
      pages[site] = await contexts[site].newPage();
      await pages[site].goto(`${stack.baseUrl}${roomPath}?${CAMERA}`);
    }
    await pages.host.getByRole("button", { name: "Tham gia" }).click();
    const record = pages.host.getByTestId("record-toggle");
    await record.waitFor({ timeout: 20_000 });
    // The first round's host starts the recording by joining; later rounds' hosts start it.
    await sleep(1000);
    if ((await record.getAttribute("aria-pressed")) !== "true") await record.click();
    const recording = await pages.host.getByText("● Đang ghi hình").waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (!recording) recordingFailures.push(round);
    const clickedAt = Date.now();
    await Promise.all([pages.siteA, pages.siteB].map((page) => page.getByRole("button", { name: "Tham gia" }).click()));
    const pageResults = await Promise.all((Object.keys(pages) as TSite[]).map((site) => waitForVideos(site, pages[site], clickedAt)));
    // The machine's load shows whether a late round was the whole host being slow.
    const load = loadavg()[0]!;
    results.push({ round, load, pages: pageResults });
    const late = pageResults.filter((r) => r.msToAll === null || r.msToAll > DEADLINE_MS);
    console.log(
      `  round ${round} (load ${load.toFixed(1)}): ${pageResults.map((r) => `${r.site} ${r.msToAll === null ? "NEVER" : `${r.msToAll} ms`}`).join(", ")}${late.length ? `  ← ${late.map((r) => `${r.site} frames ${JSON.stringify(r.last.frames)}`).join("; ")}` : ""}`,
    );
    for (const page of Object.values(pages)) await page.close();
    // The room closes a second after everyone left (EMPTY_ROOM_GRACE_SECONDS=1), and its recording stops.
    await sleep(2500);
  }
} finally {
  await browser.close();
  await stack.close();
}

const all = results.flatMap((r) => r.pages);
const failures = all.filter((r) => r.msToAll === null || r.msToAll > DEADLINE_MS);
const times = all.flatMap((r) => (r.msToAll === null ? [] : [r.msToAll])).sort((a, b) => a - b);
const quantile = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
console.log();
console.log(
  formatTable(
    ["rounds", "pages", "late (>5 s)", "never (25 s)", "median ms", "p95 ms", "max ms", "rounds not recording"],
    [[results.length, all.length, failures.length, all.filter((r) => r.msToAll === null).length, quantile(0.5), quantile(0.95), times.at(-1) ?? NaN, recordingFailures.length]],
  ),
);
const ok = failures.length === 0 && recordingFailures.length === 0;
console.log(`\nevery page decodes every remote video within 5 s, in a meeting being recorded: ${verdict(ok)}`);
saveResults("video-soak", { rounds: results.length, results, recordingFailures, ok });
process.exit(ok ? 0 : 1);

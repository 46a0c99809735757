/**
 * Weak links: a student on a thin, slow, lossy link in a conference whose host publishes a camera,
 * on the whole stack (scripts/start.ts on a throwaway database). This kernel has no netem, so the
 * student's media goes through a UDP impairment relay (bench/weak-link/udp-relay.ts): the media
 * server listens on 127.0.0.1 and announces 127.0.0.2, where the relay stands on the same ports.
 * The host's flows get a clear link, the student's the weak one: the host's transports' ports,
 * read from its signaling, are pinned to the clear link, since its receiving transport starts
 * sending only once the student publishes.
 *
 *   1. the relay itself, measured against its settings (delay, loss, rate), before any figure;
 *   2. at 200 kbit/s down, 300 ms RTT, 3% loss: audio concealment, camera frames decoded and the layer;
 *   3. a 10 s outage: the time from the link's return to media flowing again, and no reload;
 *   4. at 48 kbit/s: the client switches to audio-only by itself (no video received), and the audio holds;
 *   5. the JavaScript the room page downloads, gzipped.
 *
 *   tsx bench/weak-link.ts [--skip-build] [--seconds 30]
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { BrowserContext, Page } from "playwright-core";
import { inboundMedia, observeInboundMedia, roundTripMs, type TInboundMedia } from "../e2e/inbound-media";
import { scheduleConferenceNow } from "./join/conference-now";
import { startRoomStack } from "./join/room-stack";
import { launchChromium, signInPage } from "./lib/browser";
import { formatTable, saveResults, verdict } from "./lib/results";
import { measureRelay, type TRelayFigures } from "./weak-link/measure-relay";
import { recordPageScripts } from "./weak-link/page-scripts";
import { watchTransportPorts } from "./weak-link/transport-ports";
import { CLEAR, Link, UdpRelay, type TImpairment } from "./weak-link/udp-relay";

const { values: args } = parseArgs({
  options: {
    "skip-build": { type: "boolean", default: false },
    seconds: { type: "string", default: "30" },
  },
});
const WINDOW_SECONDS = Math.max(10, Number(args.seconds));

const HOST_EMAIL = "canbo@diemcau.local";
const STUDENT_EMAIL = "admin@diemcau.local";
const CAMERA = "camera=320x180@15";
/** Where the media server listens, and the address it announces, where the relay stands. */
const LISTEN_IP = "127.0.0.1";
const ANNOUNCED_IP = "127.0.0.2";
/** A small port range of its own, so the relay can stand on every port of it. */
const RTC_PORTS = { min: 47280, max: 47319 };

/** 300 ms RTT as 150 ms each way; 3% loss each way; 200 kbit/s down behind a queue of about 0.5 s. */
const WEAK_UP: TImpairment = { delayMs: 150, jitterMs: 10, loss: 0.03, rateKbps: null, queueBytes: 0 };
const WEAK_DOWN: TImpairment = { delayMs: 150, jitterMs: 10, loss: 0.03, rateKbps: 200, queueBytes: 12_500 };
const THIN_DOWN_KBPS = 48;
const OUTAGE_SECONDS = 10;

const TARGETS = { concealment: 0.05, recoverySeconds: 5, scriptGzipKb: 300 };

type TWindow = {
  seconds: number;
  audioConcealment: number;
  audioPackets: number;
  cameraFps: number;
  cameraHeight: number;
  videoPackets: number;
  /** What the relay carried down the link meanwhile: payload kbit/s, and the shares it lost and dropped at the full queue. */
  link: { downKbps: number; lost: number; queueDropped: number; offeredKbpsByKind: Record<string, number> };
};

function totals(rows: TInboundMedia[]) {
  const sum = (pick: (r: TInboundMedia) => number, filter: (r: TInboundMedia) => boolean) => rows.filter(filter).reduce((s, r) => s + pick(r), 0);
  const camera = rows.filter((r) => r.kind === "video" && r.source === "camera");
  return {
    audioSamples: sum((r) => r.totalSamplesReceived, (r) => r.kind === "audio"),
    concealed: sum((r) => r.concealedSamples, (r) => r.kind === "audio"),
    audioPackets: sum((r) => r.packetsReceived, (r) => r.kind === "audio"),
    cameraFrames: sum((r) => r.framesDecoded, (r) => r.kind === "video" && r.source === "camera"),
    videoPackets: sum((r) => r.packetsReceived, (r) => r.kind === "video"),
    cameraHeight: Math.max(0, ...camera.map((r) => r.frameHeight)),
  };
}

/** What the page received over `seconds`, from its peer connections' stats at both ends, and what its link carried. */
async function measureWindow(page: Page, link: Link, seconds: number): Promise<TWindow> {
  const linkBefore = { ...link.down.counters };
  const kindsBefore = new Map(link.down.offeredByKind);
  const before = totals(await inboundMedia(page));
  const started = Date.now();
  await sleep(seconds * 1000);
  const after = totals(await inboundMedia(page));
  const elapsed = (Date.now() - started) / 1000;
  const linkAfter = link.down.counters;
  const offered = Math.max(1, linkAfter.packets - linkBefore.packets);
  const samples = after.audioSamples - before.audioSamples;
  return {
    seconds: elapsed,
    audioConcealment: samples > 0 ? (after.concealed - before.concealed) / samples : 1,
    audioPackets: after.audioPackets - before.audioPackets,
    cameraFps: (after.cameraFrames - before.cameraFrames) / elapsed,
    cameraHeight: after.cameraHeight,
    videoPackets: after.videoPackets - before.videoPackets,
    link: {
      downKbps: ((linkAfter.deliveredBytes - linkBefore.deliveredBytes) * 8) / 1000 / elapsed,
      lost: (linkAfter.lost - linkBefore.lost) / offered,
      queueDropped: (linkAfter.queueDropped - linkBefore.queueDropped) / offered,
      offeredKbpsByKind: Object.fromEntries(
        [...link.down.offeredByKind].map(([kind, bytes]) => [kind, Number((((bytes - (kindsBefore.get(kind) ?? 0)) * 8) / 1000 / elapsed).toFixed(1))]),
      ),
    },
  };
}

/** Seconds from now until both sound and camera frames flow again (polled every 100 ms), or null. */
async function secondsUntilMediaFlows(page: Page, timeoutSeconds: number): Promise<{ audio: number | null; video: number | null }> {
  const start = totals(await inboundMedia(page));
  const started = Date.now();
  let audio: number | null = null;
  let video: number | null = null;
  while ((audio === null || video === null) && Date.now() - started < timeoutSeconds * 1000) {
    const now = totals(await inboundMedia(page));
    const at = (Date.now() - started) / 1000;
    if (audio === null && now.audioPackets > start.audioPackets) audio = at;
    if (video === null && now.cameraFrames > start.cameraFrames) video = at;
    await sleep(100);
  }
  return { audio, video };
}

async function untilTrue(check: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  for (const until = Date.now() + timeoutMs; !check(); await sleep(100)) if (Date.now() > until) throw new Error(failure);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function checkRelay(): Promise<{ delayLoss: TRelayFigures; rate: TRelayFigures }> {
  console.log("Checking the relay against its settings…");
  const delayLoss = await measureRelay({
    up: WEAK_UP,
    down: { ...WEAK_DOWN, rateKbps: null },
    packetBytes: 200,
    packetsPerSecond: 400,
    durationMs: 4000,
  });
  const rate = await measureRelay({ up: CLEAR, down: { ...CLEAR, rateKbps: WEAK_DOWN.rateKbps, queueBytes: WEAK_DOWN.queueBytes }, packetBytes: 1000, packetsPerSecond: 50, durationMs: 4000 });
  console.log(
    formatTable(
      ["direction", "setting", "measured: delay min / median / max ms", "loss", "throughput kbit/s"],
      [
        ["up", `${WEAK_UP.delayMs}+0…${WEAK_UP.jitterMs} ms, ${WEAK_UP.loss * 100}% loss`, `${delayLoss.up.delayMinMs.toFixed(0)} / ${delayLoss.up.delayMedianMs.toFixed(0)} / ${delayLoss.up.delayMaxMs.toFixed(0)}`, `${(delayLoss.up.lossRatio * 100).toFixed(1)}%`, "-"],
        ["down", `${WEAK_DOWN.delayMs}+0…${WEAK_DOWN.jitterMs} ms, ${WEAK_DOWN.loss * 100}% loss`, `${delayLoss.down.delayMinMs.toFixed(0)} / ${delayLoss.down.delayMedianMs.toFixed(0)} / ${delayLoss.down.delayMaxMs.toFixed(0)}`, `${(delayLoss.down.lossRatio * 100).toFixed(1)}%`, "-"],
        ["down", `${WEAK_DOWN.rateKbps} kbit/s, queue ${WEAK_DOWN.queueBytes} B, offered 400`, `${rate.down.delayMinMs.toFixed(0)} / ${rate.down.delayMedianMs.toFixed(0)} / ${rate.down.delayMaxMs.toFixed(0)}`, `${(rate.down.lossRatio * 100).toFixed(1)}% (queue)`, rate.down.throughputKbps.toFixed(0)],
      ],
    ),
  );
  return { delayLoss, rate };
}

async function joinRoom(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("button", { name: "Tham gia" }).click();
  await page.getByTestId("toggle-mic").waitFor({ timeout: 30_000 });
}

async function main(): Promise<void> {
  const relayCheck = await checkRelay();
  const stack = await startRoomStack({
    build: !args["skip-build"],
    env: { LISTEN_IP, ANNOUNCED_IP, RTC_MIN_PORT: String(RTC_PORTS.min), RTC_MAX_PORT: String(RTC_PORTS.max) },
  });
  const ports = Array.from({ length: RTC_PORTS.max - RTC_PORTS.min + 1 }, (_, i) => RTC_PORTS.min + i);
  const clear = new Link("clear");
  const weak = new Link("weak");
  weak.set({ up: WEAK_UP, down: WEAK_DOWN });
  const relay = await UdpRelay.start({ listenHost: ANNOUNCED_IP, targetHost: LISTEN_IP, ports }, clear);
  const browser = await launchChromium();
  let hostContext: BrowserContext | undefined;
  let studentContext: BrowserContext | undefined;
  try {
    // The host publishes its camera and microphone over a clear link.
    hostContext = await browser.newContext();
    const host = await hostContext.newPage();
    const hostPorts = new Set<number>();
    watchTransportPorts(host, (port) => {
      hostPorts.add(port);
      relay.pin(port, clear);
    });
    await signInPage(host, stack.baseUrl, HOST_EMAIL);
    const roomPath = await scheduleConferenceNow(host, stack.baseUrl, "Đo đường truyền yếu");
    await joinRoom(host, `${stack.baseUrl}${roomPath}?${CAMERA}`);
    // Its sending and receiving transports, the latter idle until someone else publishes.
    await untilTrue(() => hostPorts.size >= 2, 10_000, "the host's two transports were not seen in its signaling");

    // The student comes in over the weak link, with the microphone on and the camera off.
    studentContext = await browser.newContext();
    await observeInboundMedia(studentContext);
    const student = await studentContext.newPage();
    await signInPage(student, stack.baseUrl, STUDENT_EMAIL);
    let navigations = 0;
    student.on("framenavigated", (frame) => {
      if (frame === student.mainFrame()) navigations++;
    });
    const scriptsOf = recordPageScripts(student);
    await student.goto(`${stack.baseUrl}${roomPath}?${CAMERA}`, { waitUntil: "networkidle" });
    const scripts = await scriptsOf();
    await student.getByRole("button", { name: /Camera đang bật/ }).click();
    relay.current = weak;
    await student.getByRole("button", { name: "Tham gia" }).click();
    await student.getByTestId("toggle-mic").waitFor({ timeout: 30_000 });
    if (relay.flowsOn(clear) === 0) throw new Error("the host's media did not go through the relay: ICE is not forced through it");
    const navigationsAfterJoin = navigations;

    console.log(`Weak link (${WEAK_DOWN.rateKbps} kbit/s down, ${WEAK_UP.delayMs + WEAK_DOWN.delayMs} ms RTT, ${WEAK_DOWN.loss * 100}% loss): settling 10 s, then ${WINDOW_SECONDS} s measured`);
    await sleep(10_000);
    const weakWindow = await measureWindow(student, weak, WINDOW_SECONDS);
    const rtt = median(await roundTripMs(student));
    if (relay.flowsOn(weak) === 0) throw new Error("the student's media did not go through the relay's weak link");
    const audioOnlyAtWeak = (await student.getByTestId("toggle-audio-only").getAttribute("aria-pressed")) === "true";

    console.log(`Outage: nothing passes for ${OUTAGE_SECONDS} s`);
    weak.set({ up: { loss: 1 }, down: { loss: 1 } });
    await sleep(OUTAGE_SECONDS * 1000);
    weak.set({ up: WEAK_UP, down: WEAK_DOWN });
    const recovery = await secondsUntilMediaFlows(student, 30);
    const reloaded = navigations !== navigationsAfterJoin;

    console.log(`Thin link: ${THIN_DOWN_KBPS} kbit/s down; waiting for the client to switch to audio-only by itself`);
    weak.set({ down: { rateKbps: THIN_DOWN_KBPS } });
    const thinFrom = Date.now();
    const notice = student.getByTestId("weak-link");
    const switched = await student
      .getByTestId("toggle-audio-only")
      .and(student.locator("[aria-pressed=true]"))
      .waitFor({ timeout: 60_000 })
      .then(() => (Date.now() - thinFrom) / 1000, () => null);
    const noticeText = (await notice.isVisible()) ? await notice.innerText() : null;
    await sleep(3000);
    const thinWindow = await measureWindow(student, weak, WINDOW_SECONDS);
    const kept = await student.evaluate(() => localStorage.getItem("diemcau:audio-only"));

    const weakOk = weakWindow.audioConcealment < TARGETS.concealment && weakWindow.cameraFps > 0 && !audioOnlyAtWeak;
    const recoverySeconds = recovery.audio === null || recovery.video === null ? null : Math.max(recovery.audio, recovery.video);
    const recoveryOk = recoverySeconds !== null && recoverySeconds <= TARGETS.recoverySeconds && !reloaded;
    const thinOk = switched !== null && thinWindow.videoPackets === 0 && thinWindow.audioConcealment < TARGETS.concealment;
    const scriptKb = scripts.gzipBytes / 1024;
    console.log();
    console.log(
      formatTable(
        ["case", "measured", "target"],
        [
          [
            `${WEAK_DOWN.rateKbps} kbit/s, RTT ${rtt.toFixed(0)} ms measured, ${WEAK_DOWN.loss * 100}% loss`,
            `audio concealed ${(weakWindow.audioConcealment * 100).toFixed(1)}%, camera ${weakWindow.cameraFps.toFixed(1)} fps at ${weakWindow.cameraHeight}p${audioOnlyAtWeak ? ", switched to audio-only" : ""}`,
            `< ${TARGETS.concealment * 100}% and video moving: ${verdict(weakOk)}`,
          ],
          [
            `${OUTAGE_SECONDS} s outage`,
            `audio back ${recovery.audio?.toFixed(1) ?? "never"} s, video ${recovery.video?.toFixed(1) ?? "never"} s after the link returned; ${reloaded ? "page reloaded" : "no reload"}`,
            `≤ ${TARGETS.recoverySeconds} s, no reload: ${verdict(recoveryOk)}`,
          ],
          [
            `${THIN_DOWN_KBPS} kbit/s`,
            `audio-only ${switched === null ? "not switched on" : `by itself after ${switched.toFixed(0)} s`}; then ${thinWindow.videoPackets} video packets, audio concealed ${(thinWindow.audioConcealment * 100).toFixed(1)}%; kept: ${kept === "1" ? "yes" : "no"}`,
            `audio-only works: ${verdict(thinOk)}`,
          ],
          ["room page JavaScript", `${scripts.files} files, ${(scripts.rawBytes / 1024).toFixed(0)} kB, ${scriptKb.toFixed(0)} kB gzip`, `≤ ${TARGETS.scriptGzipKb} kB gzip: ${verdict(scriptKb <= TARGETS.scriptGzipKb)}`],
        ],
      ),
    );
    const carried = (w: TWindow) => `${w.link.downKbps.toFixed(1)} kbit/s of payload, ${(w.link.lost * 100).toFixed(1)}% lost, ${(w.link.queueDropped * 100).toFixed(1)}% dropped at the full queue`;
    console.log(`The weak link carried down: ${carried(weakWindow)}; the thin one: ${carried(thinWindow)}`);
    console.log(`Offered down the thin link, kbit/s of payload by kind: ${JSON.stringify(thinWindow.link.offeredKbpsByKind)}`);
    if (noticeText) console.log(`The student's notice: "${noticeText}"`);
    const file = saveResults("weak-link", {
      at: new Date().toISOString(),
      relayCheck,
      links: { weakUp: WEAK_UP, weakDown: WEAK_DOWN, thinDownKbps: THIN_DOWN_KBPS, outageSeconds: OUTAGE_SECONDS },
      weak: { ...weakWindow, rttMs: rtt, audioOnly: audioOnlyAtWeak },
      outage: { ...recovery, reloaded },
      thin: { switchedAfterSeconds: switched, ...thinWindow, kept: kept === "1", notice: noticeText },
      scripts,
      targets: TARGETS,
    });
    console.log(`JSON: ${file}`);
  } finally {
    await studentContext?.close();
    await hostContext?.close();
    await browser.close();
    relay.close();
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

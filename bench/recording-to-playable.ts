/**
 * Recording to playable: seconds from a meeting's end until its material page plays in Chromium
 * (the page is open, the video's currentTime moves). Target ≤ 10 s, whatever the meeting's length.
 *
 * One stack (scripts/start.ts on a throwaway database and STORAGE_DIR: web, media-server, worker),
 * one headless Chromium with a fake camera (320×180). The cases, in this order:
 *   1. a real recorded meeting: staff schedule a conference with recording on and host it, the
 *      admin joins, and after --meeting-seconds the host ends it for everyone; the clock starts
 *      at that click, so the recorder's stop (ffmpeg's last segment, #EXT-X-ENDLIST,
 *      recording.stopped) is counted;
 *   2. long recordings (--long-minutes, multiples of 10): what a recorder leaves after that long at
 *      720p (the finalize benchmark's cached 10-minute recording, repeated as recorder runs),
 *      reported as started and then stopped on the signed internal endpoint as media-server does;
 *      the clock starts at recording.stopped;
 *   3. a real meeting again, ended while the worker is busy with the first long recording's 360p
 *      transcode: the next recording must not wait behind it.
 * The viewer opens /hoc-lieu/<id> as soon as the material exists; the page polls the processing
 * state, shows the player when the recording is READY, and the video is started (muted).
 *
 *   tsx bench/recording-to-playable.ts [--meeting-seconds 20] [--long-minutes 10,60] [--skip-build]
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { createPrismaClient, type Db } from "@diemcau/db";
import { JOB_QUEUES, recordingKeys } from "@diemcau/protocol";
import type { Page } from "playwright-core";
import { scheduleConferenceNow } from "./join/conference-now";
import { startRoomStack } from "./join/room-stack";
import { launchChromium, signInPage } from "./lib/browser";
import { cachedLiveRecording, repeatLiveRecording } from "./lib/cached-recording";
import { reportRecordingEvents } from "./lib/recorder-report";
import { formatTable, saveResults, verdict } from "./lib/results";

const TARGET_SEC = 10;
const CAMERA = "camera=320x180@15";
const HOST_EMAIL = "canbo@diemcau.local";
const GUEST_EMAIL = "admin@diemcau.local";
const STEP_TIMEOUT_MS = 120_000;

const { values: args } = parseArgs({
  options: {
    "meeting-seconds": { type: "string", default: "20" },
    "long-minutes": { type: "string", default: "10,60" },
    "skip-build": { type: "boolean", default: false },
  },
});
const meetingSeconds = Math.max(5, Number(args["meeting-seconds"]));
const longMinutes = args["long-minutes"]
  .split(",")
  .filter(Boolean)
  .map(Number)
  .filter((m) => m > 0 && m % 10 === 0);

type TCase = {
  label: string;
  meetingSec: number;
  /** From the end (click or recording.stopped) until the recording was READY in the database. */
  readySec: number;
  /** From the end until the material page's video played. */
  playingSec: number;
  /** A 360p transcode was running on the worker when the meeting ended. */
  transcodeBusy: boolean;
};

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = STEP_TIMEOUT_MS, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

const newestRecording = (db: Db, eventId: string) =>
  db.recording.findFirst({ where: { eventId }, orderBy: { startedAt: "desc" }, include: { material: { select: { id: true } } } });

async function transcodeRunning(db: Db): Promise<boolean> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = ${JOB_QUEUES.recordingTranscode.name} AND state = 'active'`;
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * From `endedAt` (ms): the time the recording turns READY (a database poller running alongside)
 * and the time the viewer's material page plays it.
 */
async function measureUntilPlaying(db: Db, viewer: Page, baseUrl: string, eventId: string, endedAt: number) {
  let readyAt = 0;
  const ready = until("the recording to be READY", async () => {
    if ((await newestRecording(db, eventId))?.status !== "READY") return false;
    readyAt = Date.now();
    return true;
  });
  const materialId = await until("the material to exist", async () => (await newestRecording(db, eventId))?.material?.id);
  await viewer.goto(`${baseUrl}/hoc-lieu/${materialId}`);
  const video = viewer.getByTestId("material-video");
  await video.waitFor({ timeout: STEP_TIMEOUT_MS });
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    void element.play();
  });
  await viewer.waitForFunction(
    () => ((document.querySelector("[data-testid=material-video]") as HTMLVideoElement | null)?.currentTime ?? 0) > 0,
    null,
    { polling: "raf", timeout: STEP_TIMEOUT_MS },
  );
  const playingAt = Date.now();
  await ready;
  return { readySec: (readyAt - endedAt) / 1000, playingSec: (playingAt - endedAt) / 1000 };
}

async function enterRoom(page: Page, baseUrl: string, roomPath: string): Promise<void> {
  await page.goto(`${baseUrl}${roomPath}?${CAMERA}`);
  await page.getByRole("button", { name: "Tham gia" }).click();
  await page.getByTestId("toggle-mic").waitFor({ timeout: 30_000 });
}

async function main(): Promise<void> {
  const cachedLive = longMinutes.length > 0 ? await cachedLiveRecording(10) : "";
  const storageDir = mkdtempSync(path.join(tmpdir(), "diemcau-to-playable-"));
  const dataDir = mkdtempSync(path.join(tmpdir(), "diemcau-to-playable-data-"));
  const mediaSecret = randomBytes(32).toString("base64url");
  const stack = await startRoomStack({
    build: !args["skip-build"],
    env: { STORAGE_DIR: storageDir, DIEMCAU_DATA_DIR: dataDir, MEDIA_SECRET: mediaSecret, AUTH_SECRET: randomBytes(32).toString("base64url") },
  });
  const db = createPrismaClient(stack.databaseUrl);
  const browser = await launchChromium();
  const cases: TCase[] = [];
  /** Conferences scheduled so far: each books its own bridge point, since they all overlap. */
  let conferences = 0;
  try {
    const host = await (await browser.newContext()).newPage();
    await signInPage(host, stack.baseUrl, HOST_EMAIL);
    const guestContext = await browser.newContext();
    const guest = await guestContext.newPage();
    await signInPage(guest, stack.baseUrl, GUEST_EMAIL);

    const realMeeting = async (label: string): Promise<TCase> => {
      const roomPath = await scheduleConferenceNow(host, stack.baseUrl, `Tập huấn ghi hình (${label})`, {
        record: true,
        onlyBridgePoint: conferences++,
      });
      const eventId = roomPath.split("/").at(-1)!;
      await enterRoom(host, stack.baseUrl, roomPath);
      await until("the recorder to start", async () => (await newestRecording(db, eventId))?.status === "RECORDING", 30_000);
      const startedAt = Date.now();
      await enterRoom(guest, stack.baseUrl, roomPath);
      await sleep(Math.max(0, startedAt + meetingSeconds * 1000 - Date.now()));
      host.once("dialog", (dialog) => void dialog.accept());
      const transcodeBusy = await transcodeRunning(db);
      const endedAt = Date.now();
      await host.getByRole("button", { name: "Kết thúc cho tất cả" }).click();
      const viewer = await guestContext.newPage();
      const times = await measureUntilPlaying(db, viewer, stack.baseUrl, eventId, endedAt);
      await viewer.close();
      const recording = await newestRecording(db, eventId);
      return { label, meetingSec: recording?.durationSec ?? meetingSeconds, ...times, transcodeBusy };
    };

    const longRecording = async (minutes: number): Promise<TCase> => {
      const roomPath = await scheduleConferenceNow(host, stack.baseUrl, `Tập huấn ${minutes} phút (bản ghi dựng sẵn)`, {
        onlyBridgePoint: conferences++,
      });
      const eventId = roomPath.split("/").at(-1)!;
      const recordingId = `bench-${minutes}m-${randomBytes(4).toString("hex")}`;
      await repeatLiveRecording(cachedLive, path.join(storageDir, recordingKeys.liveDir(recordingId)), minutes / 10);
      const startedAt = new Date(Date.now() - minutes * 60_000).toISOString();
      await reportRecordingEvents(stack.baseUrl, mediaSecret, [
        { type: "recording.started", recordingId, roomId: eventId, startedAt, storagePrefix: recordingKeys.prefix(recordingId), run: 1 },
      ]);
      const transcodeBusy = await transcodeRunning(db);
      const endedAt = Date.now();
      await reportRecordingEvents(stack.baseUrl, mediaSecret, [
        { type: "recording.stopped", recordingId, stoppedAt: new Date(endedAt).toISOString(), totalDurationSec: minutes * 60, reason: "meeting-ended" },
      ]);
      const viewer = await guestContext.newPage();
      const times = await measureUntilPlaying(db, viewer, stack.baseUrl, eventId, endedAt);
      await viewer.close();
      return { label: `recording of ${minutes} min (720p, as the recorder leaves it)`, meetingSec: minutes * 60, ...times, transcodeBusy };
    };

    const report = (c: TCase) => {
      cases.push(c);
      console.log(`  ${c.label}: READY after ${c.readySec.toFixed(2)} s, page plays after ${c.playingSec.toFixed(2)} s`);
    };
    report(await realMeeting(`a ${meetingSeconds} s meeting`));
    for (const [i, minutes] of longMinutes.entries()) {
      report(await longRecording(minutes));
      if (i === 0) {
        // The first long recording's 360p transcode is running now: end a meeting during it.
        report(await realMeeting(`a ${meetingSeconds} s meeting, ended during a 360p transcode`));
      }
    }
  } finally {
    await browser.close();
    await db.$disconnect();
    await stack.close();
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log("");
  console.log(
    formatTable(
      ["case", "meeting s", "→ READY s", "→ page plays s", "transcode busy", `≤ ${TARGET_SEC} s`],
      cases.map((c) => [c.label, c.meetingSec.toFixed(0), c.readySec.toFixed(2), c.playingSec.toFixed(2), c.transcodeBusy ? "yes" : "no", verdict(c.playingSec <= TARGET_SEC)]),
    ),
  );
  const worst = Math.max(...cases.map((c) => c.playingSec));
  console.log(`\nRecording to playable, worst case: ${worst.toFixed(2)} s (target ≤ ${TARGET_SEC} s): ${verdict(worst <= TARGET_SEC)}`);
  console.log(`results: ${saveResults("recording-to-playable", { at: new Date().toISOString(), targetSec: TARGET_SEC, cases })}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

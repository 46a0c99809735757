/**
 * Live HLS: the time to serve a segment of a recording being written when 500 viewers outside the
 * room fetch it at once, on loopback (wrk, installed by `npm run bench`), from the web app's live path.
 *
 * The whole stack runs (scripts/start.ts on a throwaway database and a throwaway STORAGE_DIR). The
 * benchmark writes a live recording folder with ffmpeg the way the recorder does (720p, x264
 * veryfast CRF 23 capped at 3 Mb/s, 2 s segments, an HLS event playlist without ENDLIST), reports
 * `recording.started` to web on the signed internal endpoint as media-server would, signs in as
 * staff, opens the watch page /xem/<eventId> and takes the playlist URL with its path token from
 * it. Two loads follow, each with wrk's 500 connections on the newest segment (every viewer of a
 * live stream wants the same one) and on the playlist:
 *   - paced: as real viewers, each connection fetches about once per segment length (2 s),
 *     segment and playlist at the same time; the segment's median here is what a viewer lives with;
 *   - back to back: as fast as the server answers, to see how far it is from its limit.
 *
 * Real time for 500 viewers is one 2 s segment per viewer every 2 s: 250 segments/s.
 *
 *   tsx bench/live-hls.ts [--viewers 500] [--seconds 15] [--skip-build]
 */
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { recordingKeys } from "@diemcau/protocol";
import { startRoomStack } from "./join/room-stack";
import { signInDemoOverHttp, type THttpSession } from "./lib/http-session";
import { reportRecordingEvents } from "./lib/recorder-report";
import { formatTable, saveResults, verdict } from "./lib/results";

const { values: args } = parseArgs({
  options: {
    viewers: { type: "string", default: "500" },
    seconds: { type: "string", default: "15" },
    "skip-build": { type: "boolean", default: false },
  },
});
const viewers = Math.max(1, Number(args.viewers));
const seconds = Math.max(1, Number(args.seconds));
const SEGMENT_SECONDS = 2;
const LIVE_SECONDS = 20;
/** The seed's staff account (see e2e/fixtures.ts). */
const STAFF_EMAIL = "canbo@diemcau.local";

/** A live folder as the recorder leaves it mid-meeting: `seg-r1-NNNNN.ts` + an event playlist. */
function writeLiveRecording(storageDir: string, recordingId: string): string {
  const liveDir = path.join(storageDir, recordingKeys.liveDir(recordingId));
  mkdirSync(liveDir, { recursive: true });
  // prettier-ignore
  execFileSync("ffmpeg", [
    "-hide_banner", "-loglevel", "error",
    "-f", "lavfi", "-i", `testsrc2=size=1280x720:rate=20:duration=${LIVE_SECONDS}`,
    "-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${LIVE_SECONDS}`,
    "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-crf", "23", "-maxrate", "3000k", "-bufsize", "6000k",
    "-g", "40", "-keyint_min", "40", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
    "-c:a", "aac", "-b:a", "128k", "-ac", "2",
    "-f", "hls", "-hls_time", String(SEGMENT_SECONDS), "-hls_list_size", "0", "-hls_playlist_type", "event",
    "-hls_flags", "independent_segments+program_date_time+omit_endlist",
    "-hls_segment_filename", path.join(liveDir, "seg-r1-%05d.ts"),
    path.join(liveDir, "index.m3u8"),
  ]);
  return liveDir;
}

/** Tells web that a recording started, as media-server's reporter does. */
function reportStarted(baseUrl: string, mediaSecret: string, recordingId: string, eventId: string): Promise<void> {
  return reportRecordingEvents(baseUrl, mediaSecret, [
    {
      type: "recording.started",
      recordingId,
      roomId: eventId,
      startedAt: new Date(Date.now() - LIVE_SECONDS * 1000).toISOString(),
      storagePrefix: recordingKeys.prefix(recordingId),
      run: 1,
    },
  ]);
}

/** "yyyy-MM-ddTHH:mm" in Asia/Ho_Chi_Minh (UTC+7 all year), as the conference form posts it. */
function wallClock(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

async function scheduleConference(staff: THttpSession): Promise<string> {
  const { user } = (await (await staff.fetch("/api/auth/session")).json()) as { user: { id: string } };
  const startsAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const response = await staff.fetch("/api/events", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      title: "Tập huấn trực tuyến (benchmark live HLS)",
      startsAt: wallClock(startsAt),
      endsAt: wallClock(new Date(startsAt.getTime() + 60 * 60_000)),
      hostId: user.id,
      allBridgePoints: true,
      bridgePointIds: [],
    }),
  });
  if (response.status !== 201) throw new Error(`could not schedule the conference: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** The live playlist URL the watch page hands to its player (path token included). */
async function livePlaylistPath(staff: THttpSession, eventId: string): Promise<string> {
  const response = await staff.fetch(`/xem/${eventId}`);
  const html = await response.text();
  const match = html.match(new RegExp(`/xem/${eventId}/live/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+/index\\.m3u8`));
  if (response.status !== 200 || !match) throw new Error(`the watch page shows no live stream (${response.status})`);
  return match[0];
}

type TLoad = { label: string; requests: number; errors: number; median: number; p95: number; p99: number; perSecond: number; mbPerSecond: number };

/** wrk's Lua hook: the figures as one JSON line (latencies in microseconds). */
const WRK_REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"bytes":%d,"errors":%d,"p50":%d,"p95":%d,"p99":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`;

/**
 * wrk's hook for paced viewers: each connection waits a segment's length between requests on
 * average, at random between half and one and a half of it, as viewers who joined at different
 * moments do (a fixed wait would keep all 500 in lockstep, every request of a round at once).
 */
const WRK_PACED = `
delay = function()
  return math.random(${SEGMENT_SECONDS * 500}, ${SEGMENT_SECONDS * 1500})
end
`;

/**
 * `viewers` connections fetching `url` for `seconds`: back to back (the most the server can
 * serve), or paced (each connection once per segment length, as a real viewer). wrk, not a Node
 * tool: with 800 KiB answers a JavaScript client (autocannon) saturates long before the server does.
 */
async function load(label: string, url: string, scriptFile: string, cookie: string): Promise<TLoad> {
  // prettier-ignore
  const { stdout } = await promisify(execFile)("wrk", [
    "-t", "2", "-c", String(viewers), "-d", `${seconds}s`, "--timeout", "30s", "-s", scriptFile, "-H", `Cookie: ${cookie}`, url,
  ], { encoding: "utf8" });
  const line = stdout.split("\n").find((l) => l.startsWith('{"requests"'));
  if (!line) throw new Error(`wrk printed no figures:\n${stdout}`);
  const r = JSON.parse(line) as { requests: number; durationUs: number; bytes: number; errors: number; p50: number; p95: number; p99: number };
  const durationSec = r.durationUs / 1e6;
  return {
    label,
    requests: r.requests,
    errors: r.errors,
    median: r.p50 / 1000,
    p95: r.p95 / 1000,
    p99: r.p99 / 1000,
    perSecond: r.requests / durationSec,
    mbPerSecond: r.bytes / durationSec / 1e6,
  };
}

async function main() {
  const storageDir = mkdtempSync(path.join(tmpdir(), "diemcau-live-hls-"));
  const dataDir = mkdtempSync(path.join(tmpdir(), "diemcau-live-hls-data-"));
  const mediaSecret = randomBytes(32).toString("base64url");
  const recordingId = `bench-live-${randomBytes(6).toString("hex")}`;
  console.log(`live recording: ${LIVE_SECONDS} s of 720p in ${SEGMENT_SECONDS} s segments under ${storageDir}`);
  const liveDir = writeLiveRecording(storageDir, recordingId);

  const stack = await startRoomStack({
    build: !args["skip-build"],
    env: { STORAGE_DIR: storageDir, DIEMCAU_DATA_DIR: dataDir, MEDIA_SECRET: mediaSecret, AUTH_SECRET: randomBytes(32).toString("base64url") },
  });
  try {
    const staff = await signInDemoOverHttp(stack.baseUrl, STAFF_EMAIL);
    const eventId = await scheduleConference(staff);
    await reportStarted(stack.baseUrl, mediaSecret, recordingId, eventId);
    const playlistUrl = `${stack.baseUrl}${await livePlaylistPath(staff, eventId)}`;
    // Live links play only for the signed-in viewer they were made for: every viewer here is staff.
    const cookie = staff.cookie();
    const playlist = await (await fetch(playlistUrl, { headers: { cookie } })).text();
    const newest = playlist.split("\n").filter((line) => line.endsWith(".ts")).at(-1);
    if (!newest) throw new Error(`the live playlist lists no segment:\n${playlist}`);
    const segmentUrl = new URL(newest, playlistUrl).toString();
    const segmentBytes = statSync(path.join(liveDir, newest)).size;
    const check = await fetch(segmentUrl, { headers: { cookie } });
    const served = (await check.arrayBuffer()).byteLength;
    if (check.status !== 200 || served !== segmentBytes) throw new Error(`the segment was served wrong: ${check.status}, ${served} of ${segmentBytes} bytes`);
    console.log(`segment ${newest}: ${(segmentBytes / 1024).toFixed(0)} KiB; ${viewers} viewers, ${seconds} s per run`);

    const scriptFile = path.join(dataDir, "wrk-report.lua");
    writeFileSync(scriptFile, WRK_REPORT);
    const pacedFile = path.join(dataDir, "wrk-paced.lua");
    writeFileSync(pacedFile, WRK_REPORT + WRK_PACED);
    // Real time: every viewer polls the playlist and fetches the newest segment once per segment length.
    const [pacedSegment, pacedPlaylist] = await Promise.all([
      load(`segment, ${viewers} viewers each every ${SEGMENT_SECONDS} s`, segmentUrl, pacedFile, cookie),
      load(`playlist, alongside`, playlistUrl, pacedFile, cookie),
    ]);
    // Flat out: how much the server can serve.
    const segment = await load("segment, back to back", segmentUrl, scriptFile, cookie);
    const playlistLoad = await load("playlist, back to back", playlistUrl, scriptFile, cookie);
    const needed = viewers / SEGMENT_SECONDS;
    const rows = [pacedSegment, pacedPlaylist, segment, playlistLoad].map((r) => [
      r.label,
      r.requests,
      r.errors,
      r.median.toFixed(0),
      r.p95.toFixed(0),
      r.p99.toFixed(0),
      r.perSecond.toFixed(0),
      r.mbPerSecond.toFixed(1),
    ]);
    console.log("");
    console.log(formatTable(["file", "requests", "errors", "median ms", "p95 ms", "p99 ms", "req/s", "MB/s"], rows));
    const ok =
      segment.errors === 0 &&
      pacedSegment.errors === 0 &&
      segment.perSecond >= needed &&
      pacedSegment.median < SEGMENT_SECONDS * 1000;
    console.log(
      `\nreal time for ${viewers} viewers needs ${needed.toFixed(0)} segments/s with a median under ${SEGMENT_SECONDS} s: ` +
        `${segment.perSecond.toFixed(0)}/s, median ${segment.median.toFixed(0)} ms → ${verdict(ok)}`,
    );
    const file = saveResults("live-hls", {
      at: new Date().toISOString(),
      viewers,
      seconds,
      segmentBytes,
      pacedSegment,
      pacedPlaylist,
      segment,
      playlist: playlistLoad,
      neededSegmentsPerSecond: needed,
      ok,
    });
    console.log(`results: ${file}`);
  } finally {
    await stack.close();
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

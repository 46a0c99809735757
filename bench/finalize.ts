/**
 * Finalize benchmark: how long the worker takes to turn a 10-minute 720p recording (what the
 * recorder leaves: 2 s HLS segments, H.264 veryfast + AAC, no #EXT-X-ENDLIST) into a material,
 * as a fraction of the meeting's duration. Two figures per run:
 *   - playable: the source rendition, poster and master playlist (status READY);
 *   - total: plus the MP4 and thumbnails (the rest of the finalize job), then the 360p rendition
 *     (the transcode job it queues, run here right after it), up to finalizedAt.
 * Target: total ≤ 0.1× the meeting's duration on this 2-core machine.
 *
 *   tsx bench/finalize.ts [--runs 2] [--minutes 10]
 * The test recording is generated once into ~/.cache/diemcau/bench/ (a few minutes), then reused.
 * Needs PostgreSQL (DATABASE_URL's server, default 127.0.0.1:5432); the database is dropped after.
 */
import { readFileSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@diemcau/db";
import { createTestDatabase } from "@diemcau/db/test-database";
import { recordingKeys } from "@diemcau/protocol";
import { LocalDiskStorage } from "@diemcau/storage";
import { finalizeRecording } from "../apps/worker/src/jobs/finalize-recording";
import { transcodeRecording } from "../apps/worker/src/jobs/transcode-recording";
import { createRecordingFixture } from "../apps/worker/src/jobs/testing/recording-fixture";
import { cachedLiveRecording } from "./lib/cached-recording";
import { formatTable, saveResults, verdict } from "./lib/results";

const TARGET_FRACTION = 0.1;

const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "2" }, minutes: { type: "string", default: "10" } },
});
const RUNS = Number(args.runs);
const DURATION_SEC = Number(args.minutes) * 60;

/**
 * CPU seconds used by this process's finished children (ffmpeg): cutime + cstime of
 * /proc/self/stat, in clock ticks (100 a second on Linux). The machine may be shared, so wall time
 * alone can mislead; CPU time divided by the cores is what the same work takes on an idle machine.
 */
function childrenCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  // After "pid (comm) ", field 3 (state) is index 0, so cutime (16) and cstime (17) are 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function main() {
  const cachedLive = await cachedLiveRecording(DURATION_SEC / 60);
  const testDb = await createTestDatabase();
  const db = createPrismaClient(testDb.url);
  const rows: (string | number)[][] = [];
  const runs: { playableSec: number; totalSec: number; ffmpegCpuSec: number; load1: number }[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const root = await mkdtemp(path.join(tmpdir(), "diemcau-bench-finalize-"));
      try {
        const local = new LocalDiskStorage(root);
        const { recordingId } = await createRecordingFixture(db);
        await cp(cachedLive, local.localPath(recordingKeys.liveDir(recordingId)), { recursive: true });
        const load1 = loadavg()[0] ?? 0;
        const cpuBefore = childrenCpuSeconds();
        const files = { db, local, media: local, databaseUrl: testDb.url };
        let transcodeQueued = false;
        const result = await finalizeRecording({ ...files, enqueueTranscode: async () => void (transcodeQueued = true), enqueueIndex: async () => undefined }, { recordingId });
        if (!transcodeQueued) throw new Error("a 720p recording should get a 360p rendition");
        const transcode = await transcodeRecording(files, { recordingId });
        const ffmpegCpuSec = childrenCpuSeconds() - cpuBefore;
        const playableSec = result.playableAfterMs / 1000;
        const totalSec = (result.totalMs + transcode.totalMs) / 1000;
        runs.push({ playableSec, totalSec, ffmpegCpuSec, load1 });
        rows.push([
          run,
          result.durationSec.toFixed(1),
          playableSec.toFixed(2),
          (playableSec / result.durationSec).toFixed(4),
          totalSec.toFixed(2),
          (totalSec / result.durationSec).toFixed(4),
          ffmpegCpuSec.toFixed(1),
          (ffmpegCpuSec / cpus().length / result.durationSec).toFixed(4),
          load1.toFixed(2),
        ]);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    }
  } finally {
    await db.$disconnect();
    await testDb.drop();
  }
  console.log(
    formatTable(
      ["run", "meeting s", "playable s", "playable ×", "total s", "total ×", "ffmpeg CPU s", "CPU/cores ×", "load avg 1m"],
      rows,
    ),
  );
  const bestTotal = Math.min(...runs.map((r) => r.totalSec)) / DURATION_SEC;
  const bestPlayable = Math.min(...runs.map((r) => r.playableSec));
  console.log(
    `\nFinalize, best of ${RUNS}: playable after ${bestPlayable.toFixed(2)} s, total ${bestTotal.toFixed(3)}× ` +
      `the meeting (target ≤ ${TARGET_FRACTION}×): ${verdict(bestTotal <= TARGET_FRACTION)}`,
  );
  const file = saveResults("finalize", {
    meetingSec: DURATION_SEC,
    resolution: "1280x720",
    targetFraction: TARGET_FRACTION,
    runs,
    bestTotalFraction: bestTotal,
    bestPlayableSec: bestPlayable,
    cpus: cpus().length,
  });
  const cpuFraction = Math.min(...runs.map((r) => r.ffmpegCpuSec)) / cpus().length / DURATION_SEC;
  console.log(
    `ffmpeg's CPU time over ${cpus().length} cores: ${cpuFraction.toFixed(3)}× the meeting — the total on an idle ` +
      `machine if ffmpeg keeps every core busy (load average 1 min during the runs: ` +
      `${runs.map((r) => r.load1.toFixed(1)).join(", ")}).`,
  );
  console.log(`results: ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

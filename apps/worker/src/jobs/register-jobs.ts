import type { Db } from "@diemcau/db";
import { FINALIZE_FAILURE_MESSAGES, JOB_QUEUES, ZRecordingFinalizeJobSchema } from "@diemcau/protocol";
import type { StorageSetup } from "@diemcau/storage";
import type PgBoss from "pg-boss";
import { finalizeRecording } from "./finalize-recording";
import { FinalizeError, isDiskFull } from "./finalize-error";
import { sweepRecordings } from "./sweep-recordings";

export type JobDeps = {
  db: Db;
  boss: PgBoss;
  storage: StorageSetup;
  databaseUrl: string;
  mediaServerUrl: string;
  mediaSecret: string;
  /** No new segment for this long (and not active in media-server) makes a recording stale. */
  staleAfterMs: number;
  /** Below a minute, a timer sends the sweep job this often on top of the minute cron. */
  sweepIntervalMs: number;
};

/**
 * Creates the queues this worker serves, or brings their options up to date when web created them
 * first (web only sends; the worker owns retries and expiry).
 */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const queue of Object.values(JOB_QUEUES)) {
    if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, { ...queue });
    else await boss.createQueue(queue.name, { ...queue });
  }
}

const SWEEP_CRON = "* * * * *";
const CRON_PERIOD_MS = 60_000;

/**
 * Registers the recording jobs: finalize (one at a time per worker process) and the sweep. Returns
 * a function that stops the sweep timer, if one was started.
 */
export async function registerJobs(deps: JobDeps): Promise<() => void> {
  const { boss, db } = deps;
  await ensureQueues(boss);

  await boss.work(
    JOB_QUEUES.recordingFinalize.name,
    { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
    async ([job]) => {
      if (!job) return;
      const payload = ZRecordingFinalizeJobSchema.safeParse(job.data);
      if (!payload.success) {
        console.error(`[worker] finalize ${job.id}: bad payload`, payload.error.message);
        return;
      }
      const { recordingId } = payload.data;
      try {
        const result = await finalizeRecording(
          { db, local: deps.storage.local, media: deps.storage.media, databaseUrl: deps.databaseUrl },
          payload.data,
        );
        console.log(
          `[worker] recording ${recordingId} finalized: ${result.durationSec.toFixed(1)} s, playable after ` +
            `${result.playableAfterMs} ms, done after ${result.totalMs} ms`,
        );
      } catch (error) {
        const permanent = error instanceof FinalizeError;
        const lastTry = permanent || job.retryCount >= job.retryLimit;
        console.error(`[worker] finalize ${recordingId} failed${lastTry ? "" : " (will retry)"}:`, error);
        if (lastTry) {
          const code = permanent ? error.code : isDiskFull(error) ? "FINALIZE_DISK_FULL" : "FINALIZE_FAILED";
          const failure = { errorCode: code, error: FINALIZE_FAILURE_MESSAGES[code] };
          // A recording that already plays stays READY (a later step failed: MP4, thumbnails or
          // 360p); its errorCode still tells staff. Otherwise it is FAILED.
          await db.recording.updateMany({ where: { id: recordingId, status: "READY" }, data: failure });
          await db.recording.updateMany({
            where: { id: recordingId, status: { not: "READY" } },
            data: { status: "FAILED", ...failure },
          });
        }
        // A permanent failure is complete: retrying cannot help.
        if (!permanent) throw error;
      }
    },
  );

  await boss.work(JOB_QUEUES.recordingSweep.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    const result = await sweepRecordings(deps);
    if (result.finalized.length || result.orphanedJobs.length) {
      console.log(
        `[worker] sweep: finalizing ${result.finalized.length} cut-off recording(s), ` +
          `retrying ${result.orphanedJobs.length} orphaned finalize job(s)`,
      );
    }
  });
  await boss.schedule(JOB_QUEUES.recordingSweep.name, SWEEP_CRON);
  if (deps.sweepIntervalMs >= CRON_PERIOD_MS) return () => {};
  const timer = setInterval(() => {
    boss.send(JOB_QUEUES.recordingSweep.name, {}).catch((error: unknown) => console.error("[worker] sweep not sent:", error));
  }, deps.sweepIntervalMs);
  return () => clearInterval(timer);
}

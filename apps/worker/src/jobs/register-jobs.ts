import type { Db } from "@diemcau/db";
import {
  FINALIZE_FAILURE_MESSAGES,
  JOB_QUEUES,
  ZMaterialExtractAttachmentJobSchema,
  ZMaterialIndexJobSchema,
  ZMaterialTrimDownloadJobSchema,
  ZRecordingFinalizeJobSchema,
  ZRecordingTranscodeJobSchema,
} from "@diemcau/protocol";
import type { StorageSetup } from "@diemcau/storage";
import type PgBoss from "pg-boss";
import { finalizeRecording } from "./finalize-recording";
import { FinalizeError, isDiskFull } from "./finalize-error";
import { sweepRecordings } from "./sweep-recordings";
import { transcodeRecording } from "./transcode-recording";
import { extractAttachment } from "./extract-attachment";
import { indexMaterial } from "./index-material";
import { trimDownload } from "./trim-download";
import type { z } from "zod";

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
 * Registers the recording jobs: finalize, transcode (each one at a time per worker process, on
 * their own queues, so a long transcode never holds up the next recording's finalize), the
 * download trim and the sweep. Returns a function that stops the sweep timer, if one was started.
 */
export async function registerJobs(deps: JobDeps): Promise<() => void> {
  const { boss, db } = deps;
  await ensureQueues(boss);
  const files = { db, local: deps.storage.local, media: deps.storage.media, databaseUrl: deps.databaseUrl };

  await workRecordingJob(deps, JOB_QUEUES.recordingFinalize.name, ZRecordingFinalizeJobSchema, async (payload) => {
    const result = await finalizeRecording(
      {
        ...files,
        enqueueTranscode: (recordingId) => boss.send(JOB_QUEUES.recordingTranscode.name, { recordingId }),
        enqueueIndex: (materialId) => boss.send(JOB_QUEUES.materialIndex.name, { materialId }),
      },
      payload,
    );
    return (
      `finalized: ${result.durationSec.toFixed(1)} s, playable after ${result.playableAfterMs} ms, ` +
      `done after ${result.totalMs} ms${result.transcodeQueued ? ", 360p queued" : ""}`
    );
  });
  await workRecordingJob(deps, JOB_QUEUES.recordingTranscode.name, ZRecordingTranscodeJobSchema, async (payload) => {
    const result = await transcodeRecording(files, payload);
    return `360p rendition made in ${result.totalMs} ms`;
  });
  await workMaterialJob(boss, JOB_QUEUES.materialTrimDownload.name, ZMaterialTrimDownloadJobSchema, async (payload) => {
    const { cut } = await trimDownload(files, payload);
    return cut ? "download MP4 cut to its trim window" : null;
  });
  await workMaterialJob(boss, JOB_QUEUES.materialIndex.name, ZMaterialIndexJobSchema, async (payload) => {
    const { indexed, chatMessages } = await indexMaterial(files, payload);
    return indexed ? `indexed for search (${chatMessages} chat message(s))` : null;
  });

  await boss.work(JOB_QUEUES.materialExtractAttachment.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    const payload = ZMaterialExtractAttachmentJobSchema.safeParse(job?.data);
    if (!payload.success) {
      console.error(`[worker] ${JOB_QUEUES.materialExtractAttachment.name} ${job?.id}: bad payload`, payload.error.message);
      return;
    }
    const { extracted, chars } = await extractAttachment({ db, media: deps.storage.media }, payload.data);
    console.log(`[worker] attachment ${payload.data.attachmentId}: ${extracted ? `${chars} characters of text for search` : "no text read"}`);
  });

  await boss.work(JOB_QUEUES.recordingSweep.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    const result = await sweepRecordings(deps);
    if (result.finalized.length || result.orphanedJobs.length || result.uncutDownloads.length) {
      console.log(
        `[worker] sweep: finalizing ${result.finalized.length} cut-off recording(s), ` +
          `retrying ${result.orphanedJobs.length} orphaned job(s), cutting ${result.uncutDownloads.length} download(s)`,
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

/**
 * Serves one recording queue: validates the payload, runs the job, and on a failure for good
 * (a FinalizeError, or the last retry) records the reason on the recording. A recording that
 * already plays stays READY (a later step failed: MP4, thumbnails or 360p) and its errorCode tells
 * staff; otherwise it is FAILED.
 */
async function workRecordingJob<S extends z.ZodType<{ recordingId: string }>>(
  { boss, db }: JobDeps,
  queue: string,
  schema: S,
  run: (payload: z.infer<S>) => Promise<string>,
): Promise<void> {
  await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
    if (!job) return;
    const payload = schema.safeParse(job.data);
    if (!payload.success) {
      console.error(`[worker] ${queue} ${job.id}: bad payload`, payload.error.message);
      return;
    }
    const { recordingId } = payload.data;
    try {
      console.log(`[worker] recording ${recordingId} ${await run(payload.data)}`);
    } catch (error) {
      const permanent = error instanceof FinalizeError;
      const lastTry = permanent || job.retryCount >= job.retryLimit;
      console.error(`[worker] ${queue} ${recordingId} failed${lastTry ? "" : " (will retry)"}:`, error);
      if (lastTry) {
        const code = permanent ? error.code : isDiskFull(error) ? "FINALIZE_DISK_FULL" : "FINALIZE_FAILED";
        const failure = { errorCode: code, error: FINALIZE_FAILURE_MESSAGES[code] };
        await db.recording.updateMany({ where: { id: recordingId, status: "READY" }, data: failure });
        await db.recording.updateMany({ where: { id: recordingId, status: { not: "READY" } }, data: { status: "FAILED", ...failure } });
      }
      // A permanent failure is complete: retrying cannot help.
      if (!permanent) throw error;
    }
  });
}

/**
 * Serves one material queue: validates the payload and runs the job; a failure goes to pg-boss,
 * which retries (the material stays as it was meanwhile).
 */
async function workMaterialJob<S extends z.ZodType<{ materialId: string }>>(
  boss: PgBoss,
  queue: string,
  schema: S,
  run: (payload: z.infer<S>) => Promise<string | null>,
): Promise<void> {
  await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    const payload = schema.safeParse(job?.data);
    if (!payload.success) {
      console.error(`[worker] ${queue} ${job?.id}: bad payload`, payload.error.message);
      return;
    }
    const done = await run(payload.data);
    if (done) console.log(`[worker] material ${payload.data.materialId}: ${done}`);
  });
}

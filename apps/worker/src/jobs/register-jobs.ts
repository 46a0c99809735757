import type { NewsPublisher } from "@diemcau/connectors/news";
import type { Db } from "@diemcau/db";
import type { TranscriptionEngine } from "@diemcau/captions";
import {
  FINALIZE_FAILURE_MESSAGES,
  JOB_QUEUES,
  ZMaterialExtractAttachmentJobSchema,
  ZMaterialIndexJobSchema,
  ZMaterialSignJobSchema,
  ZScheduleMailJobSchema,
  ZMaterialSlidesJobSchema,
  ZMaterialTranscribeJobSchema,
  ZMaterialTrimDownloadJobSchema,
  ZNewsPublishJobSchema,
  ZRecordingFinalizeJobSchema,
  ZRecordingTranscodeJobSchema,
} from "@diemcau/protocol";
import type { TSigner } from "@diemcau/signing";
import type { StorageSetup } from "@diemcau/storage";
import type PgBoss from "pg-boss";
import { finalizeRecording } from "./finalize-recording";
import { FinalizeError, isDiskFull } from "./finalize-error";
import { sweepRecordings } from "./sweep-recordings";
import { transcodeRecording } from "./transcode-recording";
import { extractAttachment } from "./extract-attachment";
import { indexMaterial } from "./index-material";
import { queueReminders } from "./queue-reminders";
import { sendScheduleMail, type TMailer } from "./send-schedule-mail";
import { signMaterialJob } from "./sign-material-job";
import { pollRelatedNews } from "./poll-related-news";
import { publishNews } from "./publish-news";
import { trimDownload } from "./trim-download";
import { readSlides } from "./read-slides";
import { transcribeMaterial } from "./transcribe-material";
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
  /** The department's certificate that signs materials' manifests; null: materials stay unsigned. */
  signer: TSigner | null;
  /** The department's SMTP server for schedule e-mails; null: none are sent. */
  mailer: TMailer | null;
  /** Reminders before each occurrence (REMINDER_MINUTES_BEFORE, 0: none), linking to PUBLIC_URL. */
  reminders: { leadMinutes: number; publicUrl: string };
  /** The speech engine (WHISPER_MODEL), or null: no automatic transcripts. */
  transcription: { createEngine: () => Promise<TranscriptionEngine>; language: string } | null;
  /** The news portal plugin: each part is served only while it is configured. */
  news: { publisher: NewsPublisher | null; publicUrl: string; feedUrl: string | null; pollCron: string };
};

/** Speech that no engine could recognize after every retry, as the material page shows it. */
const TRANSCRIPTION_FAILED = "Bộ nhận dạng giọng nói gặp lỗi sau nhiều lần thử. Hãy báo quản trị viên.";

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
  const enqueueSign = (materialId: string) => boss.send(JOB_QUEUES.materialSign.name, { materialId });

  await workRecordingJob(deps, JOB_QUEUES.recordingFinalize.name, ZRecordingFinalizeJobSchema, async (payload) => {
    const result = await finalizeRecording(
      {
        ...files,
        enqueueTranscode: (recordingId) => boss.send(JOB_QUEUES.recordingTranscode.name, { recordingId }),
        enqueueIndex: (materialId) => boss.send(JOB_QUEUES.materialIndex.name, { materialId }),
      },
      payload,
    );
    await enqueueSign(result.materialId);
    await enqueueReading(deps, result.materialId);
    return (
      `finalized: ${result.durationSec.toFixed(1)} s, playable after ${result.playableAfterMs} ms, ` +
      `done after ${result.totalMs} ms${result.transcodeQueued ? ", 360p queued" : ""}`
    );
  });
  await workRecordingJob(deps, JOB_QUEUES.recordingTranscode.name, ZRecordingTranscodeJobSchema, async (payload) => {
    const result = await transcodeRecording(files, payload);
    const material = await db.material.findUnique({ where: { recordingId: payload.recordingId }, select: { id: true } });
    if (material) await enqueueSign(material.id);
    return `360p rendition made in ${result.totalMs} ms`;
  });
  await workMaterialJob(boss, JOB_QUEUES.materialTrimDownload.name, ZMaterialTrimDownloadJobSchema, async (payload) => {
    const { cut } = await trimDownload(files, payload);
    if (cut) await enqueueSign(payload.materialId);
    return cut ? "download MP4 cut to its trim window" : null;
  });
  await workMaterialJob(boss, JOB_QUEUES.materialSign.name, ZMaterialSignJobSchema, async (payload) => {
    const { signer } = deps;
    if (!signer) return null;
    const result = await signMaterialJob({ ...files, signer }, payload);
    return result.signed ? `manifest of ${result.fileCount} file(s) signed by ${signer.name}` : `not signed (${result.reason})`;
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

  await boss.work(JOB_QUEUES.scheduleMail.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    const payload = ZScheduleMailJobSchema.safeParse(job?.data);
    if (!payload.success) {
      console.error(`[worker] ${JOB_QUEUES.scheduleMail.name} ${job?.id}: bad payload`, payload.error.message);
      return;
    }
    if (!deps.mailer) return;
    // A failure (server down, refused) goes to pg-boss, which retries with backoff.
    await sendScheduleMail(deps.mailer, payload.data);
  });

  await workMaterialJob(boss, JOB_QUEUES.materialSlides.name, ZMaterialSlidesJobSchema, async (payload) => {
    const result = await readSlides(files, payload);
    return result ? `${result.slides} slide(s) read from ${result.framesRead} changed frame(s)` : null;
  });
  const { transcription } = deps;
  if (transcription) {
    await boss.work(JOB_QUEUES.materialTranscribe.name, { batchSize: 1, pollingIntervalSeconds: 2, includeMetadata: true }, async ([job]) => {
      const payload = ZMaterialTranscribeJobSchema.safeParse(job?.data);
      if (!job || !payload.success) return;
      const { materialId } = payload.data;
      try {
        const result = await transcribeMaterial({ ...files, ...transcription }, payload.data);
        if (result) console.log(`[worker] material ${materialId}: transcribed, ${result.lines} line(s), ${result.keptCorrections} correction(s) kept`);
      } catch (error) {
        const lastTry = job.retryCount >= job.retryLimit;
        console.error(`[worker] ${JOB_QUEUES.materialTranscribe.name} ${materialId} failed${lastTry ? "" : " (will retry)"}:`, error);
        await db.material.updateMany({
          where: { id: materialId },
          data: lastTry ? { transcriptionStatus: "FAILED", transcriptionError: TRANSCRIPTION_FAILED } : { transcriptionStatus: "QUEUED" },
        });
        throw error;
      }
    });
  }

  await registerNewsJobs(deps);
  await registerReminderSweep(deps);

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
 * After finalize (the material plays already): the jobs that read what the recording holds, each
 * on its own queue: the slides (OCR) always, the speech when an engine is configured. A finalize
 * that runs again queues them again; both replace what they wrote before.
 */
async function enqueueReading({ boss, db, transcription }: JobDeps, materialId: string): Promise<void> {
  await boss.send(JOB_QUEUES.materialSlides.name, { materialId }, { singletonKey: materialId });
  if (!transcription) return;
  await db.material.update({ where: { id: materialId }, data: { transcriptionStatus: "QUEUED", transcriptionProgress: 0, transcriptionError: null } });
  await boss.send(JOB_QUEUES.materialTranscribe.name, { materialId }, { singletonKey: materialId });
}

/**
 * The reminder sweep, every minute while mail can be sent and reminders are on (otherwise its
 * schedule goes, and nothing is recorded as reminded).
 */
async function registerReminderSweep({ boss, db, databaseUrl, mailer, reminders }: JobDeps): Promise<void> {
  if (!mailer || reminders.leadMinutes === 0) {
    await boss.unschedule(JOB_QUEUES.scheduleRemind.name);
    return;
  }
  const deps = { db, boss, databaseUrl, ...reminders };
  await boss.work(JOB_QUEUES.scheduleRemind.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    const { queued, failed } = await queueReminders(deps);
    if (queued || failed) console.log(`[worker] reminders: ${queued} e-mail(s) queued${failed ? `, ${failed} failed (tried again next minute)` : ""}`);
  });
  await boss.schedule(JOB_QUEUES.scheduleRemind.name, SWEEP_CRON);
}

/**
 * The news portal's jobs: publishing while a publisher is configured (otherwise its jobs wait in
 * the queue), and the feed poll on a cron while a feed is configured (otherwise its schedule goes).
 */
async function registerNewsJobs({ boss, db, storage, news }: JobDeps): Promise<void> {
  const { publisher } = news;
  if (publisher) {
    const deps = { db, media: storage.media, publisher, publicUrl: news.publicUrl };
    await boss.work(JOB_QUEUES.newsPublish.name, { batchSize: 1, pollingIntervalSeconds: 2, includeMetadata: true }, async ([job]) => {
      const payload = ZNewsPublishJobSchema.safeParse(job?.data);
      if (!job || !payload.success) {
        console.error(`[worker] ${JOB_QUEUES.newsPublish.name} ${job?.id}: bad payload`);
        return;
      }
      const done = await publishNews(deps, payload.data, job);
      if (done) console.log(`[worker] news ${payload.data.newsLinkId}: ${done}`);
    });
  }
  if (!news.feedUrl) {
    await boss.unschedule(JOB_QUEUES.newsPoll.name);
    return;
  }
  const feedUrl = news.feedUrl;
  await boss.work(JOB_QUEUES.newsPoll.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    const { articles, linked } = await pollRelatedNews(db, feedUrl);
    if (linked) console.log(`[worker] news feed: ${articles} article(s), ${linked} new related link(s)`);
  });
  await boss.schedule(JOB_QUEUES.newsPoll.name, news.pollCron);
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

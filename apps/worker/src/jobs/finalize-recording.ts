import { rm } from "node:fs/promises";
import { finalRecordingKeys, recordingKeys, type TRecordingFinalizeJob, ZRecordingFinalizeJobSchema } from "@diemcau/protocol";
import { isMp4Valid, makeDownloadMp4 } from "./download-mp4";
import { probeMedia } from "./ffmpeg";
import { createFinalizeContext, type FinalizeDeps } from "./finalize-context";
import { acquireFinalizeLock } from "./finalize-lock";
import { isLowRenditionValid, LOW_HEIGHT } from "./low-rendition";
import { writeMaster } from "./master-playlist";
import { fileSize, removePartials } from "./output-files";
import { publishOutputs } from "./publish-outputs";
import { markRecordingFinished } from "./recording-finished";
import { upsertRecordingMaterial } from "./recording-material";
import { closeLivePlaylist, findUploadKey, importUpload, readSourceRendition } from "./source-rendition";
import { makePoster, makeThumbnails } from "./thumbnails";

/** Recording.progress at the end of each step; the transcode job goes on from `thumbnails`. */
export const FINALIZE_PROGRESS = { recorderSource: 10, uploadSource: 30, playable: 35, mp4: 45, thumbnails: 55 } as const;

export type FinalizeResult = {
  materialId: string;
  durationSec: number;
  sizeBytes: number;
  /** Milliseconds from the start of the job until the material was playable (status READY). */
  playableAfterMs: number;
  totalMs: number;
  /** The source is taller than 360p, so it gets a 360p rendition (made by the transcode job). */
  lowRendition: boolean;
  /** The transcode job was queued: the 360p rendition is still to be made. */
  transcodeQueued: boolean;
};

export type FinalizeJobDeps = FinalizeDeps & {
  databaseUrl: string;
  /** Queues the recording.transcode job (the 360p rendition). */
  enqueueTranscode: (recordingId: string) => Promise<unknown>;
  /** Queues the material.index job (the chat log into search). */
  enqueueIndex: (materialId: string) => Promise<unknown>;
};

/**
 * Turns a stopped recording (or an uploaded video) into a material. The material plays (READY)
 * as soon as the source rendition, poster and master playlist exist — about a second whatever
 * the meeting's length, since the live segments are linked, not re-encoded — then the MP4 and
 * thumbnails follow, each published when done. The 360p rendition, a full decode and encode, is
 * left to the transcode job, queued last, so the next recording's finalize never waits behind it;
 * the index job (the chat log into search) is queued with it.
 * Every step is skipped when its output already exists whole, so a retry after a crash resumes
 * where the killed attempt stopped, and the material is created once (Material.recordingId is unique).
 */
export async function finalizeRecording(deps: FinalizeJobDeps, payload: TRecordingFinalizeJob): Promise<FinalizeResult> {
  const job = ZRecordingFinalizeJobSchema.parse(payload);
  const startedAt = Date.now();
  const { db } = deps;
  const release = await acquireFinalizeLock(deps.databaseUrl, job.recordingId);
  let result: FinalizeResult;
  try {
    const recording = await db.recording.findUniqueOrThrow({
      where: { id: job.recordingId },
      select: { status: true, progress: true, source: true, storagePrefix: true },
    });
    const id = job.recordingId;
    const prefix = recordingKeys.prefix(id);
    const fromUpload = job.source === "upload" || recording.source === "UPLOAD";
    if (recording.status === "RECORDING") {
      await db.recording.updateMany({
        where: { id, status: "RECORDING" },
        data: { status: "PROCESSING", endedAt: new Date() },
      });
    }
    const ctx = createFinalizeContext(deps, id, recording.progress);
    await removePartials(ctx.path(prefix));
    // The material exists from the start, so its page can show the processing progress.
    await upsertRecordingMaterial(db, id);

    // 1. the source rendition (the live program closed, or the upload cut into HLS)
    let source = await readSourceRendition(ctx);
    if (!source) {
      if (fromUpload) {
        const uploadKey =
          job.uploadKey ??
          (await findUploadKey(
            ctx,
            [recording.storagePrefix, `uploads/${id}`].filter((f): f is string => Boolean(f && f.startsWith("uploads/"))),
          ));
        source = await importUpload(ctx, uploadKey, (f) => ctx.progress(f * FINALIZE_PROGRESS.uploadSource));
      } else {
        source = await closeLivePlaylist(ctx);
      }
    }
    await ctx.progress(fromUpload ? FINALIZE_PROGRESS.uploadSource : FINALIZE_PROGRESS.recorderSource, true);

    // 2. poster and master playlist: from here the material plays
    await makePoster(ctx, source.durationSec);
    const { sourceHeight } = await writeMaster(ctx, await isLowRenditionValid(ctx));
    const posterKey = finalRecordingKeys.poster(id);
    await publishOutputs(ctx, [`${finalRecordingKeys.sourceDir(id)}/`, posterKey, finalRecordingKeys.master(id)]);
    const materialId = await upsertRecordingMaterial(db, id, { posterKey });
    await db.recording.updateMany({
      where: { id, status: { in: ["RECORDING", "PROCESSING", "READY", "FAILED"] } },
      data: { status: "READY", durationSec: source.durationSec, storagePrefix: recording.storagePrefix ?? prefix },
    });
    await ctx.progress(FINALIZE_PROGRESS.playable, true);
    const playableAfterMs = Date.now() - startedAt;
    // The upload is in the source rendition now; the original only took space (and quota).
    if (fromUpload) await Promise.all([ctx.local, ctx.media].map((storage) => storage.delete(`uploads/${id}/`)));

    // 3. the MP4 for download, with the recording's measured duration and size
    await makeDownloadMp4(ctx, source);
    const mp4Key = finalRecordingKeys.mp4(id);
    const mp4Path = ctx.path(mp4Key);
    await publishOutputs(ctx, [mp4Key]);
    await upsertRecordingMaterial(db, id, { hasMp4: await isMp4Valid(mp4Path) });
    const durationSec = (await probeMedia(mp4Path)).durationSec ?? source.durationSec;
    const sizeBytes = (await fileSize(mp4Path)) ?? 0;
    await db.recording.update({ where: { id }, data: { durationSec, sizeBytes } });
    await ctx.progress(FINALIZE_PROGRESS.mp4, true);

    // 4. thumbnail sprites for seeking, and the chat log beside them
    await makeThumbnails(ctx, source.durationSec);
    await publishOutputs(ctx, [`${finalRecordingKeys.thumbsDir(id)}/`, recordingKeys.chat(id)]);
    await ctx.progress(FINALIZE_PROGRESS.thumbnails, true);
    // The material is served from its finished renditions only; the recorder's folder (whose
    // segments hls/source links or copied) would otherwise keep the untrimmed meeting on disk.
    // All of it, ffmpeg's unlisted .tmp segment of a killed recorder too (storage listings skip those).
    await rm(ctx.path(recordingKeys.liveDir(id)), { recursive: true, force: true });

    // 5. the 360p rendition for weak links: queued once the lock is released (the transcode takes it)
    const lowRendition = sourceHeight > LOW_HEIGHT;
    const transcodeQueued = lowRendition && !(await isLowRenditionValid(ctx));
    if (!transcodeQueued) await markRecordingFinished(db, id);
    result = { materialId, durationSec, sizeBytes, playableAfterMs, totalMs: Date.now() - startedAt, lowRendition, transcodeQueued };
  } finally {
    await release();
  }
  await deps.enqueueIndex(result.materialId);
  if (result.transcodeQueued) await deps.enqueueTranscode(job.recordingId);
  return result;
}

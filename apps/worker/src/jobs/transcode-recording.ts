import { finalRecordingKeys, recordingKeys, type TRecordingTranscodeJob, ZRecordingTranscodeJobSchema } from "@diemcau/protocol";
import { createFinalizeContext, type FinalizeDeps } from "./finalize-context";
import { FinalizeError } from "./finalize-error";
import { acquireFinalizeLock } from "./finalize-lock";
import { FINALIZE_PROGRESS } from "./finalize-recording";
import { makeLowRendition } from "./low-rendition";
import { writeMaster } from "./master-playlist";
import { removePartials } from "./output-files";
import { publishOutputs } from "./publish-outputs";
import { markRecordingFinished } from "./recording-finished";
import { readSourceRendition } from "./source-rendition";

/** Recording.progress when the 360p rendition is done (the master playlist and the end follow). */
const LOW_DONE_PROGRESS = 95;

export type TranscodeResult = { totalMs: number };

/**
 * The transcode job: the 360p rendition of a finalized recording, for weak links, added to the
 * master playlist when done; then the recording is finished (finalizedAt, progress 100). It holds
 * the recording's finalize lock, so it never runs beside a finalize of the same recording, and a
 * retry after a crash finds a whole rendition (renamed into place when done) or starts it again.
 */
export async function transcodeRecording(
  deps: FinalizeDeps & { databaseUrl: string },
  payload: TRecordingTranscodeJob,
): Promise<TranscodeResult> {
  const { recordingId } = ZRecordingTranscodeJobSchema.parse(payload);
  const startedAt = Date.now();
  const release = await acquireFinalizeLock(deps.databaseUrl, recordingId);
  try {
    const recording = await deps.db.recording.findUniqueOrThrow({ where: { id: recordingId }, select: { progress: true } });
    const ctx = createFinalizeContext(deps, recordingId, recording.progress);
    const source = await readSourceRendition(ctx);
    if (!source) throw new FinalizeError("NO_MEDIA", `${recordingId} has no finalized source rendition to transcode`);
    await removePartials(ctx.path(recordingKeys.prefix(recordingId)));
    const span = LOW_DONE_PROGRESS - FINALIZE_PROGRESS.thumbnails;
    await makeLowRendition(ctx, source, (f) => ctx.progress(FINALIZE_PROGRESS.thumbnails + f * span));
    await writeMaster(ctx, true);
    await publishOutputs(ctx, [`${finalRecordingKeys.lowDir(recordingId)}/`, finalRecordingKeys.master(recordingId)]);
    await markRecordingFinished(deps.db, recordingId);
    return { totalMs: Date.now() - startedAt };
  } finally {
    await release();
  }
}

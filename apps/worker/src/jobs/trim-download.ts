import { finalRecordingKeys, type TMaterialTrimDownloadJob, ZMaterialTrimDownloadJobSchema } from "@diemcau/protocol";
import { clipRendition } from "./clip-rendition";
import { makeDownloadMp4 } from "./download-mp4";
import { createFinalizeContext, type FinalizeDeps } from "./finalize-context";
import { FinalizeError } from "./finalize-error";
import { acquireFinalizeLock } from "./finalize-lock";
import { publishOutputs } from "./publish-outputs";
import { readSourceRendition } from "./source-rendition";
import { makePoster, makeThumbnails } from "./thumbnails";

export type TrimDownloadResult = { cut: boolean };

/**
 * The trim-download job: cuts the download MP4 to the material's trim window (the whole
 * recording when the trim is cleared), so what a teacher trimmed away is not in the file either,
 * and makes the poster and thumbnails again from it.
 * A copy of the segments inside the window, no re-encoding: seconds even for a long meeting. It
 * holds the recording's finalize lock, and records the window it cut with; the download is
 * refused as "being prepared" while that differs from the trim. A trim changed again meanwhile
 * queues another job, and the sweep queues one for any material left uncut.
 */
export async function trimDownload(deps: FinalizeDeps & { databaseUrl: string }, payload: TMaterialTrimDownloadJob): Promise<TrimDownloadResult> {
  const { materialId } = ZMaterialTrimDownloadJobSchema.parse(payload);
  const { db } = deps;
  const owner = await db.material.findUnique({ where: { id: materialId }, select: { recordingId: true } });
  if (!owner?.recordingId) return { cut: false };
  const recordingId = owner.recordingId;
  const release = await acquireFinalizeLock(deps.databaseUrl, recordingId);
  try {
    const material = await db.material.findUniqueOrThrow({
      where: { id: materialId },
      select: { hasMp4: true, trimStartSec: true, trimEndSec: true, downloadTrimStartSec: true, downloadTrimEndSec: true },
    });
    // No MP4 yet: finalize makes the whole one, and the sweep queues this job again after it.
    if (!material.hasMp4) return { cut: false };
    if (material.trimStartSec === material.downloadTrimStartSec && material.trimEndSec === material.downloadTrimEndSec) return { cut: false };
    const ctx = createFinalizeContext(deps, recordingId, 100);
    const source = await readSourceRendition(ctx);
    if (!source) throw new FinalizeError("NO_MEDIA", `${recordingId} has no finalized source rendition to cut the download from`);
    const clip = clipRendition(source, material.trimStartSec, material.trimEndSec);
    await makeDownloadMp4(ctx, clip.rendition, { replace: true, maxDurationSec: clip.lengthSec });
    // Poster and thumbnails from the cut MP4: on the clip's timeline, as the player shows it, and
    // with nothing from the part trimmed away. Web holds them back until this job is done.
    const clipSeconds = clip.lengthSec ?? clip.rendition.durationSec;
    await makePoster(ctx, clipSeconds, { replace: true, fromMp4: true });
    await makeThumbnails(ctx, clipSeconds, { replace: true });
    await publishOutputs(ctx, [finalRecordingKeys.mp4(recordingId), finalRecordingKeys.poster(recordingId), `${finalRecordingKeys.thumbsDir(recordingId)}/`]);
    await db.material.update({
      where: { id: materialId },
      data: { downloadTrimStartSec: material.trimStartSec, downloadTrimEndSec: material.trimEndSec },
    });
    return { cut: true };
  } finally {
    await release();
  }
}

import { finalRecordingKeys } from "@diemcau/protocol";
import { probeMedia, runFfmpeg } from "./ffmpeg";
import type { FinalizeContext } from "./finalize-context";
import { commitPartial, fileSize, partialPath } from "./output-files";

/** Step 2: the MP4 for download, remuxed without re-encoding (about 0.3 s per minute of meeting). */
export async function makeDownloadMp4(ctx: FinalizeContext, expectedDurationSec: number): Promise<void> {
  const target = ctx.path(finalRecordingKeys.mp4(ctx.recordingId));
  if (await isMp4Valid(target, expectedDurationSec)) return;
  const partial = partialPath(target);
  await runFfmpeg([
    "-v",
    "error",
    "-y",
    "-i",
    ctx.path(finalRecordingKeys.sourcePlaylist(ctx.recordingId)),
    "-map",
    "0:v:0",
    "-map",
    "0:a:0?",
    "-c",
    "copy",
    "-movflags",
    "+faststart",
    "-f",
    "mp4",
    partial,
  ]);
  await commitPartial(partial, target);
}

/** An MP4 that ffprobe reads with the playlist's duration (within a second) is whole. */
export async function isMp4Valid(path: string, expectedDurationSec: number): Promise<boolean> {
  if (!(await fileSize(path))) return false;
  try {
    const probe = await probeMedia(path);
    return probe.durationSec !== null && Math.abs(probe.durationSec - expectedDurationSec) <= 1;
  } catch {
    return false;
  }
}

import { finalRecordingKeys } from "@diemcau/protocol";
import { probeMedia, runFfmpeg } from "./ffmpeg";
import type { FinalizeContext } from "./finalize-context";
import { commitPartial, fileSize, partialPath } from "./output-files";
import { withSourceTimeline } from "./source-concat";
import type { SourceRendition } from "./source-rendition";

/**
 * The MP4 for download, remuxed without re-encoding, on the playlist's timeline. Kept when one
 * exists whole, unless `replace` (a new trim window); `maxDurationSec` cuts its end.
 */
export async function makeDownloadMp4(
  ctx: FinalizeContext,
  source: SourceRendition,
  options: { replace?: boolean; maxDurationSec?: number | null } = {},
): Promise<void> {
  const target = ctx.path(finalRecordingKeys.mp4(ctx.recordingId));
  if (!options.replace && (await isMp4Valid(target))) return;
  const partial = partialPath(target);
  await withSourceTimeline(ctx, source, (input) =>
    runFfmpeg([
    "-v",
    "error",
    "-y",
    ...input,
    "-map",
    "0:v:0",
    "-map",
    "0:a:0?",
    "-c",
    "copy",
    ...(options.maxDurationSec ? ["-t", options.maxDurationSec.toFixed(3)] : []),
    "-movflags",
    "+faststart",
    "-f",
    "mp4",
    partial,
    ]),
  );
  await commitPartial(partial, target);
}

/**
 * The MP4 is written under a partial name and renamed when ffmpeg is done, so one that exists is
 * whole; this only checks that ffprobe reads a duration from it.
 */
export async function isMp4Valid(path: string): Promise<boolean> {
  if (!(await fileSize(path))) return false;
  try {
    return ((await probeMedia(path)).durationSec ?? 0) > 0;
  } catch {
    return false;
  }
}

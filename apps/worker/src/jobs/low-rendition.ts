import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { finalRecordingKeys, parseMediaPlaylist, totalDuration } from "@diemcau/protocol";
import { runFfmpeg, vodHlsOutputArgs } from "./ffmpeg";
import type { FinalizeContext } from "./finalize-context";
import { commitPartial, fileSize, partialPath } from "./output-files";
import { withSourceTimeline } from "./source-concat";
import type { SourceRendition } from "./source-rendition";

export const LOW_HEIGHT = 360;

/** The 360p rendition exists whole: a closed playlist (renamed into place when done) and every segment on disk. */
export async function isLowRenditionValid(ctx: FinalizeContext): Promise<boolean> {
  const playlistPath = ctx.path(finalRecordingKeys.lowPlaylist(ctx.recordingId));
  let text: string;
  try {
    text = await readFile(playlistPath, "utf8");
  } catch {
    return false;
  }
  const playlist = parseMediaPlaylist(text);
  if (!playlist.ended || totalDuration(playlist.segments) <= 0) return false;
  for (const segment of playlist.segments) if (!(await fileSize(join(dirname(playlistPath), segment.uri)))) return false;
  return true;
}

/**
 * Step 4, the slow one (a full decode and encode): 360p for weak links, keyframes every 2 s like
 * the source so players can switch at any segment.
 */
export async function makeLowRendition(
  ctx: FinalizeContext,
  source: SourceRendition,
  onProgress: (fraction: number) => Promise<void>,
): Promise<void> {
  const durationSec = source.durationSec;
  if (await isLowRenditionValid(ctx)) return;
  const target = dirname(ctx.path(finalRecordingKeys.lowPlaylist(ctx.recordingId)));
  const partial = partialPath(target);
  await mkdir(partial, { recursive: true });
  await withSourceTimeline(ctx, source, (input) =>
    runFfmpeg(
    [
      "-v",
      "error",
      "-y",
      ...input,
      "-map",
      "0:v:0",
      "-map",
      "0:a:0?",
      "-vf",
      `scale=-2:${LOW_HEIGHT}:flags=fast_bilinear,format=yuv420p`,
      "-c:v",
      "libx264",
      // ultrafast: decoding the 720p source costs ~0.046× the meeting's length on 2 cores and
      // superfast's encode another ~0.06×, which put the whole finalize over 0.1×; ultrafast's
      // encode costs ~0.03×. Measured on 2 min of the 720p test recording: SSIM against the scaled
      // source 0.989 (superfast 0.993) at the same 600 kbit/s: a slight loss on the weak-link rendition.
      "-preset",
      "ultrafast",
      // What ultrafast makes anyway (no CABAC, no B-frames): Constrained Baseline, which every phone decodes.
      "-profile:v",
      "baseline",
      "-b:v",
      "600k",
      "-maxrate",
      "750k",
      "-bufsize",
      "1200k",
      "-force_key_frames",
      "expr:gte(t,n_forced*2)",
      "-sc_threshold",
      "0",
      "-c:a",
      "aac",
      "-b:a",
      "64k",
      "-ac",
      "2",
      ...vodHlsOutputArgs(partial),
    ],
    { onProgress: (seconds) => void onProgress(Math.min(1, seconds / Math.max(durationSec, 1))) },
    ),
  );
  await commitPartial(partial, target);
}

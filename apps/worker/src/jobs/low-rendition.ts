import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { finalRecordingKeys } from "@diemcau/protocol";
import { runFfmpeg } from "./ffmpeg";
import type { FinalizeContext } from "./finalize-context";
import { parseMediaPlaylist, totalDuration } from "./hls-playlist";
import { commitPartial, fileSize, partialPath } from "./output-files";

export const LOW_HEIGHT = 360;

/** The 360p rendition exists whole: closed playlist, every segment on disk, the source's duration. */
export async function isLowRenditionValid(ctx: FinalizeContext, expectedDurationSec: number): Promise<boolean> {
  const playlistPath = ctx.path(finalRecordingKeys.lowPlaylist(ctx.recordingId));
  let text: string;
  try {
    text = await readFile(playlistPath, "utf8");
  } catch {
    return false;
  }
  const playlist = parseMediaPlaylist(text);
  if (!playlist.ended || Math.abs(totalDuration(playlist.segments) - expectedDurationSec) > 1) return false;
  for (const segment of playlist.segments) if (!(await fileSize(join(dirname(playlistPath), segment.uri)))) return false;
  return true;
}

/**
 * Step 4, the slow one (a full decode and encode): 360p for weak links, keyframes every 2 s like
 * the source so players can switch at any segment.
 */
export async function makeLowRendition(
  ctx: FinalizeContext,
  durationSec: number,
  onProgress: (fraction: number) => Promise<void>,
): Promise<void> {
  if (await isLowRenditionValid(ctx, durationSec)) return;
  const target = dirname(ctx.path(finalRecordingKeys.lowPlaylist(ctx.recordingId)));
  const partial = partialPath(target);
  await mkdir(partial, { recursive: true });
  await runFfmpeg(
    [
      "-v",
      "error",
      "-y",
      "-i",
      ctx.path(finalRecordingKeys.sourcePlaylist(ctx.recordingId)),
      "-map",
      "0:v:0",
      "-map",
      "0:a:0?",
      "-vf",
      `scale=-2:${LOW_HEIGHT}:flags=fast_bilinear,format=yuv420p`,
      "-c:v",
      "libx264",
      // superfast, not veryfast: about 20% less CPU, which keeps the whole finalize near 0.1× the
      // meeting's length on 2 cores; at 360p and 600 kbit/s the quality difference is slight.
      "-preset",
      "superfast",
      "-profile:v",
      "main",
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
      "-f",
      "hls",
      "-hls_time",
      "2",
      "-hls_list_size",
      "0",
      "-hls_playlist_type",
      "vod",
      "-hls_flags",
      "independent_segments",
      "-hls_segment_filename",
      join(partial, "seg-%05d.ts"),
      join(partial, "index.m3u8"),
    ],
    { onProgress: (seconds) => void onProgress(Math.min(1, seconds / Math.max(durationSec, 1))) },
  );
  await commitPartial(partial, target);
}

import { appendFile, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  finalRecordingKeys,
  type HlsSegment,
  parseMediaPlaylist,
  recordingKeys,
  totalDuration,
  untrustedInputArgs,
  writeVodPlaylist,
} from "@diemcau/protocol";
import { FfmpegError, probeMedia, runFfmpeg, vodHlsOutputArgs, type MediaProbe } from "./ffmpeg";
import type { FinalizeContext } from "./finalize-context";
import { FinalizeError } from "./finalize-error";
import { commitPartial, fileSize, linkOrCopy, partialPath } from "./output-files";

/** Segment names we accept from a playlist: plain file names, never a path. */
const SEGMENT_NAME = /^[\w][\w.-]*\.ts$/;

export type SourceRendition = { segments: HlsSegment[]; durationSec: number };

/** The closed source rendition (hls/source) when it exists whole, else null. */
export async function readSourceRendition(ctx: FinalizeContext): Promise<SourceRendition | null> {
  const playlistPath = ctx.path(finalRecordingKeys.sourcePlaylist(ctx.recordingId));
  const playlist = await readPlaylist(playlistPath);
  if (!playlist?.ended || playlist.segments.length === 0) return null;
  for (const segment of playlist.segments) {
    if (!SEGMENT_NAME.test(segment.uri) || !(await fileSize(join(dirname(playlistPath), segment.uri)))) return null;
  }
  return { segments: playlist.segments, durationSec: totalDuration(playlist.segments) };
}

/**
 * Step 1 for a recorder's recording: closes the live playlist (the recorder may have died before
 * writing #EXT-X-ENDLIST) and links its finished segments into hls/source as a VOD playlist.
 * Segments the playlist does not list (the one being written at a crash) are left out.
 */
export async function closeLivePlaylist(ctx: FinalizeContext): Promise<SourceRendition> {
  const livePath = ctx.path(recordingKeys.livePlaylist(ctx.recordingId));
  const live = await readPlaylist(livePath);
  if (!live) throw new FinalizeError("NO_MEDIA", `${livePath} is missing`);
  if (!live.ended) await appendFile(livePath, `${live.endsWithNewline ? "" : "\n"}#EXT-X-ENDLIST\n`);

  const liveDir = dirname(livePath);
  const segments: HlsSegment[] = [];
  let gap = false;
  for (const segment of live.segments) {
    const usable = SEGMENT_NAME.test(segment.uri) && (await fileSize(join(liveDir, segment.uri)));
    // A missing segment in the middle becomes a discontinuity rather than a broken playlist.
    if (!usable) gap = segments.length > 0;
    else {
      segments.push({ ...segment, discontinuity: segment.discontinuity || gap });
      gap = false;
    }
  }
  if (segments.length === 0) throw new FinalizeError("NO_MEDIA", `${livePath} lists no segment on disk`);

  const target = dirname(ctx.path(finalRecordingKeys.sourcePlaylist(ctx.recordingId)));
  const partial = partialPath(target);
  await mkdir(partial, { recursive: true });
  for (const segment of segments) await linkOrCopy(join(liveDir, segment.uri), join(partial, segment.uri));
  await writeFile(join(partial, "index.m3u8"), writeVodPlaylist(segments));
  await commitPartial(partial, target);
  return { segments, durationSec: totalDuration(segments) };
}

/** Codecs we can put into HLS without re-encoding (what hls.js plays through MSE everywhere). */
function canCopy(probe: MediaProbe): boolean {
  const video = probe.video;
  return (
    video !== null &&
    video.codec === "h264" &&
    (video.pixFmt === undefined || video.pixFmt === "yuv420p" || video.pixFmt === "yuvj420p") &&
    video.height <= 1080 &&
    (probe.audio === null || probe.audio.codec === "aac")
  );
}

/**
 * Step 1 for an uploaded video: checks it is a video, then cuts it into the source rendition,
 * copying H.264/AAC as is and transcoding anything else to H.264/AAC at most 720p.
 */
export async function importUpload(
  ctx: FinalizeContext,
  uploadKey: string,
  onProgress: (fraction: number) => Promise<void>,
): Promise<SourceRendition> {
  const original = await localUpload(ctx, uploadKey);
  let probe: MediaProbe;
  try {
    probe = await probeMedia(original, untrustedInputArgs());
  } catch (error) {
    if (error instanceof FfmpegError) throw new FinalizeError("UPLOAD_NOT_VIDEO", error.message);
    throw error;
  }
  if (!probe.video || !probe.durationSec) throw new FinalizeError("UPLOAD_NOT_VIDEO", `${uploadKey}: no video stream`);
  const durationSec = probe.durationSec;

  const target = dirname(ctx.path(finalRecordingKeys.sourcePlaylist(ctx.recordingId)));
  const partial = partialPath(target);
  await mkdir(partial, { recursive: true });
  const codecArgs = canCopy(probe)
    ? ["-c", "copy"]
    : [
        "-vf",
        "scale=-2:'min(720,ih)',format=yuv420p",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        "23",
        "-force_key_frames",
        "expr:gte(t,n_forced*2)",
        "-c:a",
        "aac",
        "-b:a",
        "128k",
        "-ac",
        "2",
      ];
  await runFfmpeg(
    [
      "-v",
      "error",
      "-y",
      // Read as the container it probed as, and nothing else (untrusted-media.ts).
      ...untrustedInputArgs(probe.formatName ?? undefined),
      "-i",
      original,
      "-map",
      "0:v:0",
      "-map",
      "0:a:0?",
      ...codecArgs,
      ...vodHlsOutputArgs(partial),
    ],
    { onProgress: (seconds) => void onProgress(Math.min(1, seconds / durationSec)) },
  );
  await commitPartial(partial, target);
  const source = await readSourceRendition(ctx);
  if (!source) throw new Error(`importing ${uploadKey} made no readable source rendition`);
  return source;
}

/**
 * Finds the uploaded original on local disk, fetching it from the media storage when web put it
 * there (S3) — ffmpeg needs a file it can seek.
 */
async function localUpload(ctx: FinalizeContext, uploadKey: string): Promise<string> {
  const path = ctx.path(uploadKey);
  if (await fileSize(path)) return path;
  if (ctx.media !== ctx.local && (await ctx.media.stat(uploadKey))) {
    await ctx.local.put(uploadKey, await ctx.media.getStream(uploadKey));
    return path;
  }
  throw new FinalizeError("UPLOAD_MISSING", uploadKey);
}

/** The key of an upload's original: "<folder>/original.<ext>" in the first folder that has one. */
export async function findUploadKey(ctx: FinalizeContext, folders: string[]): Promise<string> {
  for (const folder of folders) {
    const local = await readdir(ctx.path(folder)).catch(() => [] as string[]);
    const name = local.find((entry) => entry.startsWith("original.") && !entry.includes(".partial-"));
    if (name) return `${folder}/${name}`;
    if (ctx.media !== ctx.local) {
      const remote = (await ctx.media.list(`${folder}/original.`))[0];
      if (remote) return remote;
    }
  }
  throw new FinalizeError("UPLOAD_MISSING", folders.join(", "));
}

async function readPlaylist(path: string) {
  try {
    const text = await readFile(path, "utf8");
    return { ...parseMediaPlaylist(text), endsWithNewline: text.endsWith("\n") };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { finalRecordingKeys } from "@diemcau/protocol";
import { runFfmpeg } from "./ffmpeg";
import type { FinalizeContext } from "./finalize-context";
import { commitPartial, fileSize, partialPath } from "./output-files";

const THUMB_WIDTH = 160;
const THUMB_HEIGHT = 90;
const SPRITE_COLUMNS = 10;
const SPRITE_ROWS = 10;
const MAX_THUMBNAILS = 1000;

/** Seconds between thumbnails: 5 s for up to 20 minutes, then wider so a long day stays under 1000. */
export function thumbnailInterval(durationSec: number): number {
  return Math.max(durationSec <= 20 * 60 ? 5 : 10, Math.ceil(durationSec / MAX_THUMBNAILS));
}

/**
 * poster.jpg: one frame a tenth of the way in (at most 10 s), read straight from the source
 * rendition so the material can show it before the MP4 exists; made again from the cut MP4 when
 * the trim changes (`replace`, `fromMp4`), so it never shows what was trimmed away.
 */
export async function makePoster(ctx: FinalizeContext, durationSec: number, options: { replace?: boolean; fromMp4?: boolean } = {}): Promise<void> {
  const poster = ctx.path(finalRecordingKeys.poster(ctx.recordingId));
  if (!options.replace && (await fileSize(poster))) return;
  const partial = partialPath(poster);
  await runFfmpeg([
    "-v",
    "error",
    "-y",
    "-ss",
    Math.min(10, durationSec / 10).toFixed(3),
    "-i",
    ctx.path(options.fromMp4 ? finalRecordingKeys.mp4(ctx.recordingId) : finalRecordingKeys.sourcePlaylist(ctx.recordingId)),
    "-frames:v",
    "1",
    "-vf",
    "scale='min(1280,iw)':-2",
    "-q:v",
    "3",
    "-f",
    "image2",
    partial,
  ]);
  await commitPartial(partial, poster);
}

/**
 * Thumbnail sprites with a WebVTT track (#xywh=) for hover previews. Decodes keyframes only (the
 * recorder puts one every 2 s), so it costs seconds, not minutes.
 */
export async function makeThumbnails(ctx: FinalizeContext, durationSec: number, options: { replace?: boolean } = {}): Promise<void> {
  const mp4 = ctx.path(finalRecordingKeys.mp4(ctx.recordingId));
  const folder = ctx.path(finalRecordingKeys.thumbsDir(ctx.recordingId));
  // thumbnails.vtt is written last inside the folder, and the folder is renamed into place whole.
  if (!options.replace && (await fileSize(join(folder, "thumbnails.vtt")))) return;
  const partial = partialPath(folder);
  await mkdir(partial, { recursive: true });
  const interval = thumbnailInterval(durationSec);
  const log = await runFfmpeg([
    "-v",
    "info",
    "-y",
    "-skip_frame",
    "nokey",
    "-i",
    mp4,
    "-an",
    "-vf",
    [
      `select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${interval - 0.1})'`,
      // showinfo logs each chosen keyframe's time: the cues use the real times, not the nominal ones.
      "showinfo",
      `scale=${THUMB_WIDTH}:${THUMB_HEIGHT}:force_original_aspect_ratio=decrease`,
      `pad=${THUMB_WIDTH}:${THUMB_HEIGHT}:(ow-iw)/2:(oh-ih)/2`,
      `tile=${SPRITE_COLUMNS}x${SPRITE_ROWS}`,
    ].join(","),
    "-fps_mode",
    "vfr",
    "-q:v",
    "5",
    join(partial, "sprite-%d.jpg"),
  ]);
  const times = [...log.matchAll(/Parsed_showinfo[^\n]*?pts_time:\s*([\d.]+)/g)].map((m) => Number(m[1]));
  await writeFile(join(partial, "thumbnails.vtt"), thumbnailsVtt(times, durationSec));
  await commitPartial(partial, folder);
}

/** Cue i shows thumbnail i from its frame's time until the next one's (the first from 0). */
export function thumbnailsVtt(times: number[], durationSec: number): string {
  const perSprite = SPRITE_COLUMNS * SPRITE_ROWS;
  const cues = times.map((time, i) => {
    const start = i === 0 ? 0 : time;
    const end = i + 1 < times.length ? (times[i + 1] ?? durationSec) : Math.max(durationSec, time + 0.001);
    const sprite = Math.floor(i / perSprite) + 1;
    const cell = i % perSprite;
    const x = (cell % SPRITE_COLUMNS) * THUMB_WIDTH;
    const y = Math.floor(cell / SPRITE_COLUMNS) * THUMB_HEIGHT;
    return `${vttTime(start)} --> ${vttTime(end)}\nsprite-${sprite}.jpg#xywh=${x},${y},${THUMB_WIDTH},${THUMB_HEIGHT}`;
  });
  return `WEBVTT\n\n${cues.join("\n\n")}\n`;
}

function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

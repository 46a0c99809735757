import { rm, writeFile } from "node:fs/promises";
import { recordingKeys, type HlsSegment } from "@diemcau/protocol";
import type { FinalizeContext } from "./finalize-context";
import { partialPath } from "./output-files";
import type { SourceRendition } from "./source-rendition";

/**
 * Runs `work` with ffmpeg input arguments that read the source rendition on the playlist's own
 * timeline (see writeConcatList). The list lives beside hls/ under a partial name, so a killed
 * attempt's list is cleaned up with the other partial files; jobs that may run beside the
 * finalize lock's holder (transcription, slides) name their own list; `extinf` places segments
 * by their EXTINF (see writeConcatList).
 */
export async function withSourceTimeline<T>(
  ctx: FinalizeContext,
  source: SourceRendition,
  work: (inputArgs: string[]) => Promise<T>,
  { listName = "source", extinf = false }: { listName?: string; extinf?: boolean } = {},
): Promise<T> {
  const list = partialPath(`${ctx.path(recordingKeys.prefix(ctx.recordingId))}/${listName}.ffconcat`);
  await writeFile(list, writeConcatList(source.segments, "hls/source", { extinf }));
  try {
    // -safe 0 because safe mode refuses the list's per-file probe options; the list names only
    // segments whose names passed SEGMENT_NAME (plain file names) under the recording's folder.
    return await work(["-f", "concat", "-safe", "0", "-i", list]);
  } finally {
    await rm(list, { force: true });
  }
}

/**
 * An ffconcat list of the segments. Read with ffmpeg's concat demuxer, each segment starts where
 * the previous one's media ends: the time lost while a recorder restarted (a jump in timestamps
 * at a discontinuity) disappears, so the MP4 and the 360p rendition follow the playlist's
 * timeline, as the player shows it. (No `duration` lines: a segment's media often runs a little
 * past its EXTINF, and cutting there would repeat timestamps in the output.)
 *
 * The concat demuxer probes every file it opens; with ffmpeg's defaults (5 MB, frame rate from
 * decoded frames) that cost 10 s of CPU for a 10-minute recording's 300 segments, four times the
 * remux itself. The first segment is probed fully (the output's stream parameters come from it);
 * the others, from the same encoder, only as far as their first 32 KB.
 *
 * With `extinf`, each segment starts where its EXTINF says (the player's clock): for reading
 * video frames at the times a viewer sees them. Segments' audio often runs past their EXTINF
 * (by 80 ms a segment for an AAC upload), which without `duration` lines stretches the timeline.
 */
export function writeConcatList(segments: HlsSegment[], folder: string, { extinf = false }: { extinf?: boolean } = {}): string {
  const lines = ["ffconcat version 1.0"];
  for (const [index, segment] of segments.entries()) {
    lines.push(`file '${folder}/${segment.uri}'`);
    // Video only: each segment starts at the sum of the EXTINFs before it, as hls.js places it.
    if (extinf) lines.push(`duration ${segment.durationSec}`);
    if (index > 0) lines.push("option probesize 32768", "option fpsprobesize 0");
  }
  return `${lines.join("\n")}\n`;
}

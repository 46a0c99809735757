import { rm, writeFile } from "node:fs/promises";
import { recordingKeys } from "@diemcau/protocol";
import type { FinalizeContext } from "./finalize-context";
import { writeConcatList } from "./hls-playlist";
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

import { toClipTimes, type TClipTimeline } from "@diemcau/protocol";
import { spokenSource, type TTranscriptSource } from "./spoken-source";
import type { TTimedText } from "./timed-text";
import { captionsVtt } from "./write-vtt";

/** The order of a material's transcript rows in its served captions: ties are broken by id, so the bytes never vary. */
export const SERVED_CAPTIONS_ORDER: ({ startSec: "asc" } | { id: "asc" })[] = [{ startSec: "asc" }, { id: "asc" }];

/**
 * The captions track as a material serves it: its speech only (spokenSource), only the lines the
 * trimmed media holds, on its timeline. Web answers with it and the signed manifest hashes it, so
 * both must come from here.
 */
export function servedCaptionsVtt(rows: (TTimedText & { source: TTranscriptSource })[], clip: TClipTimeline): string {
  const speech = spokenSource(rows.map((row) => row.source));
  return captionsVtt(toClipTimes(rows.filter((row) => row.source === speech), clip));
}

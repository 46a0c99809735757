import type { SourceRendition } from "./source-rendition";

export type TClip = {
  /** The segments the clip is cut from. */
  rendition: SourceRendition;
  /** Seconds to keep from the first of them (null: to the end). */
  lengthSec: number | null;
};

/**
 * The part of a rendition inside a trim window, for a copy without re-encoding: it starts at the
 * first segment that starts at or after `startSec` (segments start on keyframes, every 2 s), so
 * nothing before the window reaches the file, and is cut exactly at `endSec`. Only a window too
 * short to hold a segment start begins at the segment holding `startSec`.
 */
export function clipRendition(source: SourceRendition, startSec: number | null, endSec: number | null): TClip {
  const start = startSec ?? 0;
  const end = endSec ?? Number.POSITIVE_INFINITY;
  const EPSILON = 0.01;
  let at = 0;
  let firstStart: number | null = null;
  let holdingStart: { segment: SourceRendition["segments"][number]; at: number } | null = null;
  const segments: SourceRendition["segments"] = [];
  for (const segment of source.segments) {
    const segmentStart = at;
    at += segment.durationSec;
    if (segmentStart >= end - EPSILON) break;
    if (segmentStart < start - EPSILON) {
      if (at > start) holdingStart = { segment, at: segmentStart };
      continue;
    }
    firstStart ??= segmentStart;
    segments.push(segment);
  }
  if (segments.length === 0 && holdingStart) {
    segments.push(holdingStart.segment);
    firstStart = holdingStart.at;
  }
  const durationSec = segments.reduce((sum, segment) => sum + segment.durationSec, 0);
  const lengthSec = endSec === null || firstStart === null ? null : Math.min(durationSec, endSec - firstStart);
  return { rendition: { segments, durationSec: lengthSec ?? durationSec }, lengthSec };
}

import { trimSegments } from "@diemcau/protocol";
import type { SourceRendition } from "./source-rendition";

export type TClip = {
  /** The segments the clip is cut from. */
  rendition: SourceRendition;
  /** Seconds to keep from the first of them (null: to the end). */
  lengthSec: number | null;
};

/** The part of a rendition inside a trim window (the rule is trimSegments'), for a copy without re-encoding. */
export function clipRendition(source: SourceRendition, startSec: number | null, endSec: number | null): TClip {
  const { segments, lengthSec } = trimSegments(source.segments, startSec, endSec);
  const durationSec = segments.reduce((sum, segment) => sum + segment.durationSec, 0);
  return { rendition: { segments, durationSec: lengthSec ?? durationSec }, lengthSec };
}

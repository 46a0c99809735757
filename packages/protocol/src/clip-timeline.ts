/**
 * The served media of a trimmed material starts at the first segment inside the trim window
 * (trimSegments), so its time 0 is `startSec` on the recording's timeline, where transcript lines,
 * chapters and search hits are. Tracks and players move those times onto the clip.
 */
export type TClipTimeline = { startSec: number; endSec: number | null };

/** Timed items inside the clip, with their times moved onto it; what was trimmed away is dropped. */
export function toClipTimes<T extends { startSec: number; endSec: number }>(items: T[], clip: TClipTimeline): T[] {
  return items
    .filter((item) => item.endSec > clip.startSec && (clip.endSec === null || item.startSec < clip.endSec))
    .map((item) => ({
      ...item,
      startSec: Math.max(0, item.startSec - clip.startSec),
      endSec: (clip.endSec === null ? item.endSec : Math.min(item.endSec, clip.endSec)) - clip.startSec,
    }));
}

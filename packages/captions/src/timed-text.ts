/** One timed line of a lesson: a caption cue, a recognized sentence or a slide's text. Seconds from the start of the video. */
export interface TTimedText {
  startSec: number;
  endSec: number;
  text: string;
}

/** Whitespace of a cue (line breaks, runs of spaces) as single spaces: a transcript line reads as one sentence. */
export function normalizeCueText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

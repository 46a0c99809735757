import type { TTimedText } from "./timed-text";

/** "HH:MM:SS.mmm", the WebVTT timestamp; SRT writes the same with a comma. */
export function vttTimestamp(seconds: number): string {
  const total = Math.max(0, Math.round(seconds * 1000));
  const ms = total % 1000;
  const s = Math.floor(total / 1000) % 60;
  const m = Math.floor(total / 60_000) % 60;
  const h = Math.floor(total / 3_600_000);
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms, 3)}`;
}

/** Cue text cannot hold "-->" or blank lines, and "<" / "&" would be read as markup. */
function cueText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/-->/g, "→").replace(/\n\s*\n/g, "\n").trim();
}

function vtt(cues: TTimedText[]): string {
  const body = cues.map((cue, index) => `${index + 1}\n${vttTimestamp(cue.startSec)} --> ${vttTimestamp(cue.endSec)}\n${cueText(cue.text)}\n`);
  return ["WEBVTT", "", ...body].join("\n");
}

/** A captions track; cues without duration are left out (a player would never show them). */
export function captionsVtt(segments: TTimedText[]): string {
  return vtt(segments.filter((s) => s.endSec > s.startSec));
}

/** A chapters track: each chapter runs until the next one, the last until the end of the video. */
export function chaptersVtt(chapters: { startSec: number; title: string }[], durationSec: number): string {
  const sorted = [...chapters].sort((a, b) => a.startSec - b.startSec);
  return vtt(
    sorted.map((chapter, index) => ({
      startSec: chapter.startSec,
      endSec: Math.max(sorted[index + 1]?.startSec ?? durationSec, chapter.startSec + 0.001),
      text: chapter.title,
    })),
  );
}

/** The same cues as SubRip (SRT), for players and editors that read only that. */
export function captionsSrt(segments: TTimedText[]): string {
  return segments
    .filter((s) => s.endSec > s.startSec)
    .map((cue, index) => {
      const time = (seconds: number) => vttTimestamp(seconds).replace(".", ",");
      return `${index + 1}\n${time(cue.startSec)} --> ${time(cue.endSec)}\n${cue.text.replace(/\n\s*\n/g, "\n").trim()}\n`;
    })
    .join("\n");
}

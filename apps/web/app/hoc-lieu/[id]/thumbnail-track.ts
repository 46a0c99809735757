/** One cue of a WebVTT thumbnail track: an image (sprite) and the tile of it for [start, end). */
export interface TThumbnailCue {
  start: number;
  end: number;
  url: string;
  tile: { x: number; y: number; w: number; h: number } | null;
}

function seconds(stamp: string): number {
  const parts = stamp.split(":").map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** Parses thumbnails.vtt ("sprite-0.jpg#xywh=0,0,160,90"); URLs resolve against the track's URL. */
export function parseThumbnailTrack(text: string, base: string): TThumbnailCue[] {
  const cues: TThumbnailCue[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const timing = /^([\d:.]+)\s+-->\s+([\d:.]+)/.exec(lines[i]!.trim());
    const target = lines[i + 1]?.trim();
    if (!timing || !target) continue;
    const [path, fragment] = target.split("#");
    const xywh = /xywh=(\d+),(\d+),(\d+),(\d+)/.exec(fragment ?? "");
    cues.push({
      start: seconds(timing[1]!),
      end: seconds(timing[2]!),
      url: new URL(path!, base).toString(),
      tile: xywh ? { x: Number(xywh[1]), y: Number(xywh[2]), w: Number(xywh[3]), h: Number(xywh[4]) } : null,
    });
  }
  return cues;
}

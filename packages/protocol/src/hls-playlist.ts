// HLS playlists as the recorder, the finalizer and the web's media route read and write them.
/** One media segment of an HLS media playlist. */
export type HlsSegment = {
  uri: string;
  durationSec: number;
  /** #EXT-X-DISCONTINUITY before this segment (a recorder restart). */
  discontinuity: boolean;
  programDateTime?: string;
};

export type HlsMediaPlaylist = { segments: HlsSegment[]; ended: boolean };

/** Reads a media playlist as ffmpeg's HLS muxer writes it (tags we do not use are dropped). */
export function parseMediaPlaylist(text: string): HlsMediaPlaylist {
  const segments: HlsSegment[] = [];
  let ended = false;
  let duration: number | null = null;
  let discontinuity = false;
  let programDateTime: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith("#EXTINF:")) duration = Number.parseFloat(line.slice("#EXTINF:".length));
    else if (line === "#EXT-X-DISCONTINUITY") discontinuity = true;
    else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) programDateTime = line.slice("#EXT-X-PROGRAM-DATE-TIME:".length);
    else if (line === "#EXT-X-ENDLIST") ended = true;
    else if (!line.startsWith("#") && duration !== null && Number.isFinite(duration)) {
      segments.push({ uri: line, durationSec: duration, discontinuity, programDateTime });
      duration = null;
      discontinuity = false;
      programDateTime = undefined;
    }
  }
  return { segments, ended };
}

/** A closed (VOD) media playlist: what a player and ffmpeg read as a finished recording. */
export function writeVodPlaylist(segments: HlsSegment[]): string {
  const target = Math.max(1, ...segments.map((s) => Math.ceil(s.durationSec)));
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:3",
    `#EXT-X-TARGETDURATION:${target}`,
    "#EXT-X-MEDIA-SEQUENCE:0",
    "#EXT-X-PLAYLIST-TYPE:VOD",
    "#EXT-X-INDEPENDENT-SEGMENTS",
  ];
  segments.forEach((segment, index) => {
    // A discontinuity before the first segment means nothing to a player; ffmpeg writes one on append.
    if (segment.discontinuity && index > 0) lines.push("#EXT-X-DISCONTINUITY");
    if (segment.programDateTime) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${segment.programDateTime}`);
    lines.push(`#EXTINF:${segment.durationSec.toFixed(6)},`, segment.uri);
  });
  lines.push("#EXT-X-ENDLIST", "");
  return lines.join("\n");
}

export function totalDuration(segments: HlsSegment[]): number {
  return segments.reduce((sum, s) => sum + s.durationSec, 0);
}

export type HlsVariant = {
  uri: string;
  bandwidth: number;
  averageBandwidth?: number;
  width: number;
  height: number;
  codecs: string | null;
  name: string;
};

/** The master playlist: one line per rendition, best first. */
export function writeMasterPlaylist(variants: HlsVariant[]): string {
  const lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"];
  for (const v of variants) {
    const attributes = [
      `BANDWIDTH=${Math.round(v.bandwidth)}`,
      v.averageBandwidth ? `AVERAGE-BANDWIDTH=${Math.round(v.averageBandwidth)}` : null,
      `RESOLUTION=${v.width}x${v.height}`,
      v.codecs ? `CODECS="${v.codecs}"` : null,
      `NAME="${v.name}"`,
    ].filter(Boolean);
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(",")}`, v.uri);
  }
  lines.push("");
  return lines.join("\n");
}

/** The part of a rendition inside a trim window. */
export type TTrimmedSegments = {
  segments: HlsSegment[];
  /** Where the first kept segment starts on the whole recording's timeline: time 0 of the trimmed media. */
  firstStartSec: number;
  /** Seconds to keep from `firstStartSec` (null: to the end). */
  lengthSec: number | null;
};

const EPSILON_SEC = 0.01;

/**
 * The one trim rule, for the download MP4, the served playlists and their segments: keep from the
 * first segment that starts at or after `startSec` (segments start on keyframes, every 2 s), so
 * nothing from before the window is served, to the segment holding `endSec`, where the cut is
 * exact in the MP4 and the player stops. Only a window too short to hold a segment start begins
 * at the segment holding `startSec`.
 */
export function trimSegments(all: HlsSegment[], startSec: number | null, endSec: number | null): TTrimmedSegments {
  const start = startSec ?? 0;
  const end = endSec ?? Number.POSITIVE_INFINITY;
  let at = 0;
  let firstStart: number | null = null;
  let holdingStart: { segment: HlsSegment; at: number } | null = null;
  const segments: HlsSegment[] = [];
  for (const segment of all) {
    const segmentStart = at;
    at += segment.durationSec;
    if (segmentStart >= end - EPSILON_SEC) break;
    if (segmentStart < start - EPSILON_SEC) {
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
  const firstStartSec = firstStart ?? 0;
  const kept = totalDuration(segments);
  return { segments, firstStartSec, lengthSec: endSec === null ? null : Math.min(kept, endSec - firstStartSec) };
}

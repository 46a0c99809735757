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

import { describe, expect, it } from "vitest";
import { parseMediaPlaylist, totalDuration, trimSegments, writeMasterPlaylist, writeVodPlaylist } from "./hls-playlist";

const LIVE = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:2
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:EVENT
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-DISCONTINUITY
#EXTINF:2.000000,
#EXT-X-PROGRAM-DATE-TIME:2026-11-28T18:56:25.940+0000
seg-r1-00000.ts
#EXTINF:1.960000,
seg-r1-00001.ts
#EXT-X-DISCONTINUITY
#EXTINF:2.040000,
seg-r2-00002.ts
`;

describe("HLS playlists", () => {
  it("reads a recorder's live playlist and writes it closed, keeping restarts as discontinuities", () => {
    const live = parseMediaPlaylist(LIVE);
    expect(live.ended).toBe(false);
    expect(live.segments.map((s) => [s.uri, s.durationSec, s.discontinuity])).toEqual([
      ["seg-r1-00000.ts", 2, true],
      ["seg-r1-00001.ts", 1.96, false],
      ["seg-r2-00002.ts", 2.04, true],
    ]);
    expect(totalDuration(live.segments)).toBeCloseTo(6, 6);

    const vod = writeVodPlaylist(live.segments);
    expect(vod).toContain("#EXT-X-PLAYLIST-TYPE:VOD\n");
    expect(vod).toContain("#EXT-X-TARGETDURATION:3\n");
    expect(vod.endsWith("#EXT-X-ENDLIST\n")).toBe(true);
    // Only the restart is a discontinuity; the one ffmpeg writes before the first segment is dropped.
    expect(vod.match(/#EXT-X-DISCONTINUITY/g)).toHaveLength(1);
    expect(vod).toContain("#EXT-X-DISCONTINUITY\n#EXTINF:2.040000,\nseg-r2-00002.ts");
    const reread = parseMediaPlaylist(vod);
    expect(reread.ended).toBe(true);
    expect(reread.segments[0]?.programDateTime).toBe("2026-11-28T18:56:25.940+0000");
  });

  it("writes a master playlist with bandwidth, resolution and codecs", () => {
    const master = writeMasterPlaylist([
      { uri: "source/index.m3u8", name: "source", bandwidth: 2_500_000.4, averageBandwidth: 2e6, width: 1280, height: 720, codecs: "avc1.64001f,mp4a.40.2" },
      { uri: "360p/index.m3u8", name: "360p", bandwidth: 750_000, width: 640, height: 360, codecs: null },
    ]);
    expect(master).toBe(
      "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n" +
        '#EXT-X-STREAM-INF:BANDWIDTH=2500000,AVERAGE-BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",NAME="source"\nsource/index.m3u8\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=750000,RESOLUTION=640x360,NAME="360p"\n360p/index.m3u8\n',
    );
  });

  it("keeps a trim window from the first segment starting in it, never before, to the segment holding its end", () => {
    const segments = [2, 2, 2, 2, 2].map((durationSec, i) => ({ uri: `seg-${i}.ts`, durationSec, discontinuity: false }));
    const clip = trimSegments(segments, 3, 7.5);
    expect(clip.segments.map((s) => s.uri)).toEqual(["seg-2.ts", "seg-3.ts"]);
    expect(clip.firstStartSec).toBe(4);
    expect(clip.lengthSec).toBeCloseTo(3.5);
    expect(trimSegments(segments, null, null)).toMatchObject({ firstStartSec: 0, lengthSec: null });
    expect(trimSegments(segments, 4, null)).toMatchObject({ firstStartSec: 4, lengthSec: null });
    expect(trimSegments(segments, null, 3).segments.map((s) => s.uri)).toEqual(["seg-0.ts", "seg-1.ts"]);
  });

  it("takes the segment holding the start only when the window holds no segment start", () => {
    const segments = [2, 2, 2].map((durationSec, i) => ({ uri: `seg-${i}.ts`, durationSec, discontinuity: false }));
    const clip = trimSegments(segments, 2.5, 3.5);
    expect(clip.segments.map((s) => s.uri)).toEqual(["seg-1.ts"]);
    expect(clip).toMatchObject({ firstStartSec: 2 });
    expect(clip.lengthSec).toBeCloseTo(1.5);
  });
});

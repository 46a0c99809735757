import { describe, expect, it } from "vitest";
import { hlsCodecs } from "./ffmpeg";
import { writeConcatList } from "./source-concat";
import { thumbnailInterval, thumbnailsVtt } from "./thumbnails";

/** A recorder's three segments, the last after a restart. */
const SEGMENTS = [
  { uri: "seg-r1-00000.ts", durationSec: 2, discontinuity: true },
  { uri: "seg-r1-00001.ts", durationSec: 1.96, discontinuity: false },
  { uri: "seg-r2-00002.ts", durationSec: 2.04, discontinuity: true },
];

describe("HLS codecs", () => {
  it("names H.264 + AAC codecs as RFC 6381 strings, and nothing it cannot name", () => {
    const video = { codec: "h264", width: 1280, height: 720 };
    expect(hlsCodecs({ video: { ...video, profile: "High", level: 31 }, audio: { codec: "aac" } })).toBe(
      "avc1.64001f,mp4a.40.2",
    );
    expect(hlsCodecs({ video: { ...video, profile: "Constrained Baseline", level: 30 }, audio: null })).toBe(
      "avc1.42e01e",
    );
    expect(hlsCodecs({ video: { ...video, profile: "High", level: 31 }, audio: { codec: "opus" } })).toBeNull();
    expect(hlsCodecs({ video: { ...video, codec: "vp8" }, audio: null })).toBeNull();
  });
});

describe("thumbnail track", () => {
  it("cues each sprite cell from its frame's time to the next one's, 10×10 cells a sprite", () => {
    const times = Array.from({ length: 102 }, (_, i) => i * 6 + 0.02);
    const vtt = thumbnailsVtt(times, 615.5);
    const cues = vtt.split("\n\n").slice(1);
    expect(cues[0]).toBe("00:00:00.000 --> 00:00:06.020\nsprite-1.jpg#xywh=0,0,160,90");
    expect(cues[11]).toBe("00:01:06.020 --> 00:01:12.020\nsprite-1.jpg#xywh=160,90,160,90");
    expect(cues[100]).toBe("00:10:00.020 --> 00:10:06.020\nsprite-2.jpg#xywh=0,0,160,90");
    expect(cues[101]).toBe("00:10:06.020 --> 00:10:15.500\nsprite-2.jpg#xywh=160,0,160,90\n");
  });

  it("spaces thumbnails 5 s apart up to 20 minutes, wider after, at most 1000", () => {
    expect(thumbnailInterval(600)).toBe(5);
    expect(thumbnailInterval(3600)).toBe(10);
    expect(thumbnailInterval(4 * 3600)).toBe(15);
  });
});

describe("writeConcatList", () => {
  it("probes the first segment fully and only the start of the others", () => {
    const segments = SEGMENTS;
    const lines = writeConcatList(segments, "hls/source").trimEnd().split("\n");
    expect(lines[0]).toBe("ffconcat version 1.0");
    expect(lines[1]).toBe(`file 'hls/source/${segments[0]?.uri}'`);
    expect(lines[2]).toBe(`file 'hls/source/${segments[1]?.uri}'`);
    expect(lines.slice(3, 5)).toEqual(["option probesize 32768", "option fpsprobesize 0"]);
    expect(lines.filter((line) => line.startsWith("file "))).toHaveLength(segments.length);
    expect(lines.filter((line) => line === "option probesize 32768")).toHaveLength(segments.length - 1);
  });
});

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { finalRecordingKeys, recordingKeys } from "@diemcau/protocol";
import { describe, expect, it } from "vitest";
import { useJobTestBed } from "./testing/job-test-bed";
import { clipRendition } from "./clip-rendition";
import { probeMedia, runFfmpeg } from "./ffmpeg";
import { finalizeRecording } from "./finalize-recording";
import { createRecordingFixture } from "./testing/recording-fixture";
import { makeLiveRecording } from "./testing/make-live-recording";
import { trimDownload } from "./trim-download";

const segments = (...durations: number[]) => ({
  segments: durations.map((durationSec, i) => ({ uri: `seg-${i}.ts`, durationSec, discontinuity: false })),
  durationSec: durations.reduce((a, b) => a + b, 0),
});

describe("clipRendition", () => {
  it("starts at the first segment inside the window, never before it, and cuts the end exactly", () => {
    const clip = clipRendition(segments(2, 2, 2, 2, 2), 3, 7.5);
    expect(clip.rendition.segments.map((s) => s.uri)).toEqual(["seg-2.ts", "seg-3.ts"]);
    expect(clip.lengthSec).toBeCloseTo(3.5);
    expect(clipRendition(segments(2, 2, 2), 4, null)).toMatchObject({ lengthSec: null, rendition: { durationSec: 2 } });
    expect(clipRendition(segments(2, 2, 2), null, 3).rendition.segments.map((s) => s.uri)).toEqual(["seg-0.ts", "seg-1.ts"]);
  });

  it("takes the segment holding the start only when the window holds no segment start", () => {
    const clip = clipRendition(segments(2, 2, 2), 2.5, 3.5);
    expect(clip.rendition.segments.map((s) => s.uri)).toEqual(["seg-1.ts"]);
    expect(clip.lengthSec).toBeCloseTo(1.5);
  });
});

describe("trimDownload (real ffmpeg, real PostgreSQL)", () => {
  const bed = useJobTestBed("diemcau-trim-");

  /** MD5 of the first decoded video frame of a file, read from `atSec`. */
  const frameMd5 = async (file: string, atSec = 0) => {
    const out = join(bed.root, `frame-${Math.random().toString(36).slice(2)}.md5`);
    await runFfmpeg(["-v", "error", "-ss", String(atSec), "-i", file, "-map", "0:v:0", "-frames:v", "1", "-f", "md5", out]);
    return readFile(out, "utf8");
  };

  it("cuts the download MP4 to the trim window from the next keyframe, and back to whole when the trim is cleared", async () => {
    const { db, local } = bed;
    const { recordingId } = await createRecordingFixture(db);
    await makeLiveRecording(local.localPath(recordingKeys.liveDir(recordingId)), { runs: [20], width: 640, height: 360 });
    const deps = { db, local, media: local, databaseUrl: bed.databaseUrl };
    const { materialId } = await finalizeRecording({ ...deps, enqueueTranscode: async () => undefined, enqueueIndex: async () => undefined }, { recordingId });
    const mp4 = local.localPath(finalRecordingKeys.mp4(recordingId));
    expect((await probeMedia(mp4)).durationSec).toBeCloseTo(20, 0);

    await db.material.update({ where: { id: materialId }, data: { trimStartSec: 5, trimEndSec: 13 } });
    expect(await trimDownload(deps, { materialId })).toEqual({ cut: true });

    // Segments start every 2 s: the clip starts at 6 s (nothing from before 5 s) and ends at 13 s.
    expect(Math.abs(((await probeMedia(mp4)).durationSec ?? 0) - 7)).toBeLessThanOrEqual(0.2);
    const source = local.localPath(finalRecordingKeys.sourcePlaylist(recordingId));
    expect(await frameMd5(mp4)).toBe(await frameMd5(source, 6));
    expect(await db.material.findUniqueOrThrow({ where: { id: materialId } })).toMatchObject({ downloadTrimStartSec: 5, downloadTrimEndSec: 13 });
    // Done: a repeated job changes nothing.
    expect(await trimDownload(deps, { materialId })).toEqual({ cut: false });

    await db.material.update({ where: { id: materialId }, data: { trimStartSec: null, trimEndSec: null } });
    expect(await trimDownload(deps, { materialId })).toEqual({ cut: true });
    expect((await probeMedia(mp4)).durationSec).toBeCloseTo(20, 0);
    expect(await db.material.findUniqueOrThrow({ where: { id: materialId } })).toMatchObject({ downloadTrimStartSec: null, downloadTrimEndSec: null });
  });
});

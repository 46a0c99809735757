import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { finalRecordingKeys, recordingKeys } from "@diemcau/protocol";
import { describe, expect, it } from "vitest";
import { useJobTestBed } from "./testing/job-test-bed";
import { probeMedia, runFfmpeg } from "./ffmpeg";
import { finalizeRecording } from "./finalize-recording";
import { createRecordingFixture } from "./testing/recording-fixture";
import { makeLiveRecording } from "./testing/make-live-recording";
import { trimDownload } from "./trim-download";

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
    const thumbsVtt = local.localPath(`${finalRecordingKeys.thumbsDir(recordingId)}/thumbnails.vtt`);
    const lastCueEnd = async () => Number((await readFile(thumbsVtt, "utf8")).match(/--> 00:00:(\d+\.\d+)\n[^\n]*\n$/)?.[1]);
    const poster = local.localPath(finalRecordingKeys.poster(recordingId));
    expect(await lastCueEnd()).toBeCloseTo(20, 0);
    const posterBefore = (await stat(poster)).ino;

    await db.material.update({ where: { id: materialId }, data: { trimStartSec: 5, trimEndSec: 13 } });
    expect(await trimDownload(deps, { materialId })).toEqual({ cut: true });
    // Thumbnails and poster are made again from the cut MP4: its 7 s, nothing from what was cut.
    expect(await lastCueEnd()).toBeCloseTo(7, 0);
    expect((await stat(poster)).ino).not.toBe(posterBefore);

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

import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { finalRecordingKeys, parseMediaPlaylist, recordingKeys, totalDuration } from "@diemcau/protocol";
import { S3Storage } from "@diemcau/storage";
import { startFakeS3, type FakeS3 } from "@diemcau/storage/fake-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useJobTestBed } from "./testing/job-test-bed";
import { probeMedia, runFfmpeg } from "./ffmpeg";
import { createFinalizeContext } from "./finalize-context";
import { finalizeRecording } from "./finalize-recording";
import { readSourceRendition } from "./source-rendition";
import { transcodeRecording } from "./transcode-recording";
import { createRecordingFixture } from "./testing/recording-fixture";
import { makeLiveRecording } from "./testing/make-live-recording";

describe("finalizeRecording (real ffmpeg, real PostgreSQL)", () => {
  const bed = useJobTestBed("diemcau-finalize-");

  /** Transcode jobs the finalizer queued, by recording id. */
  let queuedTranscodes: string[] = [];
  /** Index jobs the finalizer queued, by material id. */
  const queuedIndexes: string[] = [];
  const deps = () => ({
    ...bed.files(),
    enqueueTranscode: async (recordingId: string) => void queuedTranscodes.push(recordingId),
    enqueueIndex: async (materialId: string) => void queuedIndexes.push(materialId),
  });
  /** finalize, then the transcode job it queued (if any), as the worker runs them. */
  const finalizeAndTranscode = async (...args: Parameters<typeof finalizeRecording>) => {
    queuedTranscodes = [];
    const result = await finalizeRecording(...args);
    expect(queuedTranscodes).toEqual(result.transcodeQueued ? [args[1].recordingId] : []);
    if (result.transcodeQueued) await transcodeRecording(args[0], { recordingId: args[1].recordingId });
    return result;
  };

  it("closes a dead recorder's 20 s playlist (two runs) into HLS source + 360p, MP4, poster, thumbnails and one material", async () => {
    const { db, local } = bed;
    const { recordingId, event, course } = await createRecordingFixture(db);
    const liveDir = local.localPath(recordingKeys.liveDir(recordingId));
    // The restart lost 3 s, as a real one does: run 2's timestamps jump past the playlist's timeline.
    await makeLiveRecording(liveDir, { runs: [12, 8], restartGapSec: 3 });
    await writeFile(local.localPath(recordingKeys.chat(recordingId)), "[]");
    expect(await readFile(join(liveDir, "index.m3u8"), "utf8")).not.toContain("#EXT-X-ENDLIST");

    const result = await finalizeRecording(deps(), { recordingId });

    // Playable, with MP4 and thumbnails, before the 360p rendition: that is the transcode job's.
    expect(result).toMatchObject({ lowRendition: true, transcodeQueued: true });
    expect(queuedTranscodes).toEqual([recordingId]);
    expect(queuedIndexes).toContain(result.materialId);
    const beforeTranscode = await db.recording.findUniqueOrThrow({ where: { id: recordingId } });
    expect(beforeTranscode).toMatchObject({ status: "READY", progress: 55, finalizedAt: null });
    expect(await readFile(local.localPath(finalRecordingKeys.master(recordingId)), "utf8")).not.toContain("360p");
    await transcodeRecording(deps(), { recordingId });

    // The recorder's folder is gone: the material is served from its finished renditions only.
    expect(await readdir(liveDir).catch(() => null)).toBeNull();
    const path = (key: string) => local.localPath(key);
    // The 360p rendition and the MP4 follow the playlist's timeline: 20 s, the lost 3 s left out.
    for (const key of [finalRecordingKeys.lowPlaylist(recordingId), finalRecordingKeys.mp4(recordingId)]) {
      const probe = await probeMedia(path(key));
      expect(Math.abs((probe.durationSec ?? 0) - 20), key).toBeLessThanOrEqual(0.5);
    }
    // The whole MP4 decodes without an error, across the recorder's restart.
    expect((await runFfmpeg(["-v", "error", "-i", path(finalRecordingKeys.mp4(recordingId)), "-f", "null", "-"])).trim()).toBe("");

    const master = await readFile(path(finalRecordingKeys.master(recordingId)), "utf8");
    expect(master).toMatch(/RESOLUTION=1280x720,CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2",NAME="source"\nsource\/index\.m3u8/);
    expect(master).toMatch(/RESOLUTION=640x360,CODECS="avc1\.42e0[0-9a-f]{2},mp4a\.40\.2",NAME="360p"\n360p\/index\.m3u8/);
    const source = parseMediaPlaylist(await readFile(path(finalRecordingKeys.sourcePlaylist(recordingId)), "utf8"));
    expect(source.ended).toBe(true);
    expect(source.segments.filter((s) => s.discontinuity)).toHaveLength(1);
    expect(totalDuration(source.segments)).toBeCloseTo(20, 0);

    const vtt = await readFile(path(finalRecordingKeys.thumbnailsVtt(recordingId)), "utf8");
    expect(vtt.startsWith("WEBVTT\n\n00:00:00.000 --> ")).toBe(true);
    const cues = [...vtt.matchAll(/^(\S+) --> (\S+)\n(sprite-\d+\.jpg)#xywh=(\d+),(\d+),160,90$/gm)];
    expect(cues.length).toBeGreaterThanOrEqual(3);
    expect(cues.at(-1)?.[2]).toBe("00:00:20.000");
    const sprite = await probeMedia(path(`${finalRecordingKeys.thumbsDir(recordingId)}/sprite-1.jpg`));
    expect(sprite.video).toMatchObject({ width: 1600, height: 900 });
    expect((await probeMedia(path(finalRecordingKeys.poster(recordingId)))).video).toMatchObject({ width: 1280 });

    const recording = await db.recording.findUniqueOrThrow({ where: { id: recordingId }, include: { material: true } });
    expect(recording).toMatchObject({ status: "READY", progress: 100 });
    expect(recording.finalizedAt).not.toBeNull();
    expect(Math.abs((recording.durationSec ?? 0) - 20)).toBeLessThanOrEqual(1);
    expect(Number(recording.sizeBytes)).toBeGreaterThan(100_000);
    expect(recording.material).toMatchObject({
      id: result.materialId,
      title: event.title,
      subject: course.subject,
      grade: course.grade,
      visibility: "ENROLLED",
      ownerId: event.hostId,
      posterKey: finalRecordingKeys.poster(recordingId),
      hasMp4: true,
    });
    expect(result.playableAfterMs).toBeLessThan(result.totalMs);

    // Run again (a duplicate job): every step is skipped, a teacher's edit survives, still one material.
    await db.material.update({ where: { id: result.materialId }, data: { title: "Đã sửa" } });
    queuedTranscodes = [];
    const again = await finalizeRecording(deps(), { recordingId });
    expect(again).toMatchObject({ materialId: result.materialId, transcodeQueued: false });
    expect(queuedTranscodes).toEqual([]);
    expect(again.totalMs).toBeLessThan(result.totalMs);
    expect(await db.material.count({ where: { recordingId } })).toBe(1);
    expect((await db.material.findUniqueOrThrow({ where: { id: result.materialId } })).title).toBe("Đã sửa");
  });

  it("keeps what a recorder killed mid-segment left: listed segments only, even without a final newline", async () => {
    const { db, local } = bed;
    const { recordingId } = await createRecordingFixture(db);
    const liveDir = local.localPath(recordingKeys.liveDir(recordingId));
    await makeLiveRecording(liveDir, { runs: [6] });
    const playlist = join(liveDir, "index.m3u8");
    await writeFile(playlist, (await readFile(playlist, "utf8")).trimEnd());
    // The segment being written at the kill: on disk under ffmpeg's temporary name, not listed.
    await writeFile(join(liveDir, "seg-r1-00003.ts.tmp"), Buffer.alloc(1000));

    const result = await finalizeRecording(deps(), { recordingId });

    expect(Math.abs(result.durationSec - 6)).toBeLessThanOrEqual(1);
    const source = parseMediaPlaylist(await readFile(local.localPath(finalRecordingKeys.sourcePlaylist(recordingId)), "utf8"));
    expect(source.ended).toBe(true);
    expect(source.segments.map((s) => s.uri)).toEqual(["seg-r1-00000.ts", "seg-r1-00001.ts", "seg-r1-00002.ts"]);
    expect(await readdir(liveDir).catch(() => null)).toBeNull();
  });

  it("makes a material of what a failed recorder kept, keeping the reason it failed", async () => {
    const { db, local } = bed;
    const { recordingId } = await createRecordingFixture(db, { status: "FAILED" });
    await db.recording.update({ where: { id: recordingId }, data: { errorCode: "DISK_FULL", error: "Ổ đĩa đầy" } });
    await makeLiveRecording(local.localPath(recordingKeys.liveDir(recordingId)), { runs: [4] });
    const result = await finalizeRecording(deps(), { recordingId });
    expect(Math.abs(result.durationSec - 4)).toBeLessThanOrEqual(1);
    expect(await db.recording.findUniqueOrThrow({ where: { id: recordingId } })).toMatchObject({ status: "READY", errorCode: "DISK_FULL" });
    expect(await db.material.count({ where: { recordingId } })).toBe(1);
  });

  it("refuses an upload that is not a video with UPLOAD_NOT_VIDEO", async () => {
    const { db, local } = bed;
    const { recordingId } = await createRecordingFixture(db, { status: "PROCESSING" });
    const uploadKey = `uploads/${recordingId}/original.mp4`;
    await local.put(uploadKey, Buffer.from("Đây không phải là video.\n".repeat(100)));
    await expect(finalizeRecording(deps(), { recordingId, source: "upload", uploadKey })).rejects.toMatchObject({
      code: "UPLOAD_NOT_VIDEO",
    });
    // An audio-only file is not a video either.
    const audioKey = `uploads/${recordingId}/original.m4a`;
    await runFfmpeg(["-v", "error", "-y", "-f", "lavfi", "-i", "sine=d=2", "-c:a", "aac", local.localPath(audioKey)]);
    await expect(finalizeRecording(deps(), { recordingId, source: "upload", uploadKey: audioKey })).rejects.toMatchObject({
      code: "UPLOAD_NOT_VIDEO",
    });
  });

  it("transcodes an upload that is not H.264 (MPEG-4 Part 2 in AVI), found under uploads/<recordingId>/", async () => {
    const { db, local } = bed;
    const { recordingId } = await createRecordingFixture(db, { status: "PROCESSING" });
    await db.recording.update({ where: { id: recordingId }, data: { source: "UPLOAD" } });
    const original = local.localPath(`uploads/${recordingId}/original.avi`);
    await mkdir(dirname(original), { recursive: true });
    await runFfmpeg([
      "-v", "error", "-y",
      "-f", "lavfi", "-i", "testsrc2=size=854x480:rate=25",
      "-f", "lavfi", "-i", "sine=frequency=300",
      "-t", "8", "-c:v", "mpeg4", "-q:v", "5", "-c:a", "mp3", "-ac", "1", original,
    ]);

    const result = await finalizeAndTranscode(deps(), { recordingId, source: "upload" });

    const source = await probeMedia(local.localPath(finalRecordingKeys.sourcePlaylist(recordingId)));
    expect(source.video).toMatchObject({ codec: "h264", height: 480 });
    expect(source.audio).toMatchObject({ codec: "aac" });
    expect(Math.abs(result.durationSec - 8)).toBeLessThanOrEqual(1);
    expect(result.lowRendition).toBe(true);
    expect(await db.recording.findUniqueOrThrow({ where: { id: recordingId } })).toMatchObject({ status: "READY", progress: 100 });
    expect(await readFile(local.localPath(finalRecordingKeys.master(recordingId)), "utf8")).toContain("360p/index.m3u8");
  });

  it("copies an H.264/AAC upload into HLS without re-encoding, and makes no 360p from a 360p source", async () => {
    const { db, local } = bed;
    const { recordingId } = await createRecordingFixture(db, { status: "PROCESSING" });
    const uploadKey = `uploads/${recordingId}/original.mp4`;
    const original = local.localPath(uploadKey);
    await mkdir(dirname(original), { recursive: true });
    await runFfmpeg([
      "-v", "error", "-y",
      "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
      "-f", "lavfi", "-i", "sine=frequency=500",
      "-t", "7", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50",
      "-c:a", "aac", "-movflags", "+faststart", original,
    ]);

    const result = await finalizeAndTranscode(deps(), { recordingId, source: "upload", uploadKey });

    const sourcePlaylist = local.localPath(finalRecordingKeys.sourcePlaylist(recordingId));
    expect((await probeMedia(sourcePlaylist)).video).toMatchObject({ codec: "h264", width: 640, height: 360 });
    // Copied: cut at the upload's own keyframes (every 2 s at 25 fps, -g 50), not re-encoded.
    const segments = parseMediaPlaylist(await readFile(sourcePlaylist, "utf8")).segments;
    expect(segments.map((s) => Math.round(s.durationSec))).toEqual([2, 2, 2, 1]);
    expect(result.lowRendition).toBe(false);
    const master = await readFile(local.localPath(finalRecordingKeys.master(recordingId)), "utf8");
    expect(master).not.toContain("360p/index.m3u8");
    expect(Math.abs(result.durationSec - 7)).toBeLessThanOrEqual(1);
    const recording = await db.recording.findUniqueOrThrow({ where: { id: recordingId } });
    expect(recording).toMatchObject({ status: "READY", progress: 100 });
    // The original is not kept once it is in the source rendition.
    expect(await readdir(dirname(original)).catch(() => null)).toBeNull();
  });

  it("refuses an 'upload' that is an HLS playlist naming another recording's segment, reading nothing of it", async () => {
    const { db, local } = bed;
    const victim = await createRecordingFixture(db);
    await makeLiveRecording(local.localPath(recordingKeys.liveDir(victim.recordingId)), { runs: [4] });
    const { recordingId } = await createRecordingFixture(db, { status: "PROCESSING" });
    const uploadKey = `uploads/${recordingId}/original.mp4`;
    await mkdir(dirname(local.localPath(uploadKey)), { recursive: true });
    const stolen = local.localPath(`${recordingKeys.liveDir(victim.recordingId)}/seg-r1-00000.ts`);
    await writeFile(local.localPath(uploadKey), `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n${stolen}\n#EXT-X-ENDLIST\n`);
    await expect(finalizeRecording(deps(), { recordingId, source: "upload", uploadKey })).rejects.toMatchObject({ code: "UPLOAD_NOT_VIDEO" });
    expect(await readSourceRendition(createFinalizeContext({ db, local, media: local }, recordingId, 0))).toBeNull();
  });

  describe("with S3 configured (a FAKE S3 server: S3 is a boundary we do not own)", () => {
    let fake: FakeS3;
    beforeAll(async () => {
      fake = await startFakeS3("media");
    });
    afterAll(async () => {
      await fake?.close();
    });

    it("uploads every final file under the same keys, playlists after their segments", async () => {
    const { db, local } = bed;
      const { recordingId } = await createRecordingFixture(db);
      await makeLiveRecording(local.localPath(recordingKeys.liveDir(recordingId)), { runs: [6] });
      const media = new S3Storage({
        bucket: "media",
        endpoint: fake.endpoint,
        region: "us-east-1",
        accessKeyId: "test",
        secretAccessKey: "test-secret",
      });
      await finalizeAndTranscode({ ...deps(), media }, { recordingId });

      const keys = [...fake.objects.keys()].filter((k) => k.startsWith(`recordings/${recordingId}/`));
      for (const key of [
        finalRecordingKeys.master(recordingId),
        finalRecordingKeys.sourcePlaylist(recordingId),
        finalRecordingKeys.lowPlaylist(recordingId),
        finalRecordingKeys.mp4(recordingId),
        finalRecordingKeys.poster(recordingId),
        finalRecordingKeys.thumbnailsVtt(recordingId),
        `${finalRecordingKeys.thumbsDir(recordingId)}/sprite-1.jpg`,
      ]) {
        expect(keys, key).toContain(key);
      }
      expect(keys.some((k) => k.includes("/live/"))).toBe(false);
      expect(keys.filter((k) => k.includes("/hls/source/") && k.endsWith(".ts"))).toHaveLength(3);
      expect(fake.objects.get(finalRecordingKeys.mp4(recordingId))?.contentType).toBe("video/mp4");
      const puts = fake.requests.filter((r) => r.method === "PUT").map((r) => r.path.split("?")[0] ?? "");
      const lastSegment = puts.findLastIndex((p) => p.includes("/hls/source/seg-"));
      expect(puts.findIndex((p) => p.endsWith("/hls/source/index.m3u8"))).toBeGreaterThan(lastSegment);
    });
  });
});

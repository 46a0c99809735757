import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createWorker, type types } from "mediasoup";
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import { recordingKeys, type TRecordingEvent } from "@diemcau/protocol";
import { Recorder } from "./Recorder";
import { RecorderStateStore } from "./RecorderState";
import { ROOM_MEDIA_CODECS } from "./Room";
import { decodeErrors, decodeSegmentErrors, readPlaylist, remuxedDurations, TestRoomSource } from "./recorder-test-media";

describe("Recorder (real mediasoup worker, real ffmpeg)", () => {
  let worker: types.Worker;
  let router: types.Router;
  let dir: string;
  let source: TestRoomSource;
  let events: TRecordingEvent[];
  const recorders: Recorder[] = [];

  beforeAll(async () => {
    worker = await createWorker({ logLevel: "warn", rtcMinPort: 42000, rtcMaxPort: 42999 });
  });
  afterAll(() => worker.close());

  const setup = async (room: string) => {
    router = await worker.createRouter({ mediaCodecs: ROOM_MEDIA_CODECS });
    dir = mkdtempSync(join(tmpdir(), "diemcau-rec-"));
    source = new TestRoomSource(room, router);
    events = [];
  };

  const start = async (extra: Partial<Parameters<typeof Recorder.start>[0]> = {}) => {
    const recorder = await Recorder.start({
      source,
      store: new RecorderStateStore(dir),
      ffmpegPath: "ffmpeg",
      width: 640,
      height: 360,
      report: (event) => events.push(event),
      log: process.env.RECORDER_TEST_LOG ? (m) => console.log(m) : () => {},
      inputChangeDelayMs: 300,
      ...extra,
    });
    recorders.push(recorder);
    return recorder;
  };

  afterEach(async () => {
    for (const recorder of recorders.splice(0)) await recorder.stop("host").catch(() => {});
    source.close();
    router.close();
    if (!process.env.KEEP_RECORDINGS) rmSync(dir, { recursive: true, force: true });
  });

  /** Times (ms since `since`) at which each new segment was reported. */
  const segmentTimes = (since: number, times: number[]) => {
    let seen = 0;
    const timer = setInterval(() => {
      const count = events.filter((e) => e.type === "recording.segment").length;
      for (; seen < count; seen++) times.push(Date.now() - since);
    }, 100);
    return () => clearInterval(timer);
  };

  it("keeps writing 2 s segments while a producer is paused for 7 s (filler, no stall, no restart)", async () => {
    await setup("room-pause");
    const a = await source.addParticipant("a", 0);
    const b = await source.addParticipant("b", 120);
    await sleep(800);
    const recorder = await start();
    const startedAt = Date.now();
    const times: number[] = [];
    const stopWatching = segmentTimes(startedAt, times);
    await sleep(4000);
    source.speak("b");
    await b.video.pause();
    await b.audio.pause();
    const pausedAt = Date.now() - startedAt;
    await sleep(7000);
    await b.video.resume();
    await b.audio.resume();
    const resumedAt = Date.now() - startedAt;
    source.speak("a");
    await sleep(3000);
    const run = recorder.process!.run;
    await recorder.stop("host");
    stopWatching();
    const wall = (Date.now() - startedAt) / 1000;
    void a;

    expect(run).toBe(1); // muting did not restart ffmpeg
    const playlist = readPlaylist(join(dir, recordingKeys.livePlaylist(recorder.recordingId)));
    expect(playlist.endlist).toBe(true);
    // The timeline is not squeezed: the program is as long as the wall clock (less ffmpeg's start-up).
    expect(playlist.total).toBeGreaterThan(wall - 3);
    expect(playlist.total).toBeLessThan(wall + 1);
    // During the pause, segments kept coming about every 2 s.
    const during = times.filter((t) => t > pausedAt && t < resumedAt + 1000);
    expect(during.length).toBeGreaterThanOrEqual(3);
    const gaps = [pausedAt, ...during].slice(1).map((t, i, all) => t - (i === 0 ? pausedAt : all[i - 1]!));
    expect(Math.max(...gaps)).toBeLessThan(3500);
    expect(decodeErrors(join(dir, recordingKeys.livePlaylist(recorder.recordingId)))).toEqual([]);
    const stopped = events.find((e) => e.type === "recording.stopped");
    expect(stopped).toMatchObject({ reason: "host" });
  }, 45_000);

  it("restarts a SIGKILLed ffmpeg with an offset: the playlist grows on, with a discontinuity, and decodes", async () => {
    await setup("room-crash");
    await source.addParticipant("a", 40);
    await sleep(800);
    const recorder = await start();
    await sleep(6000);
    const first = recorder.process!;
    process.kill(first.pid!, "SIGKILL");
    await sleep(7000);
    expect(recorder.process?.run).toBe(2);
    await recorder.stop("host");
    const path = join(dir, recordingKeys.livePlaylist(recorder.recordingId));
    const playlist = readPlaylist(path);
    expect(playlist.segments.some((s) => s.startsWith("seg-r1-"))).toBe(true);
    expect(playlist.segments.some((s) => s.startsWith("seg-r2-"))).toBe(true);
    expect(playlist.discontinuities).toBeGreaterThanOrEqual(1);
    expect(playlist.endlist).toBe(true);
    expect(playlist.total).toBeGreaterThan(9);
    expect(decodeErrors(path)).toEqual([]);
    expect(events.filter((e) => e.type === "recording.segment").some((e) => e.type === "recording.segment" && e.run === 2)).toBe(true);
  }, 45_000);

  it("a participant joining restarts the program with the new inputs", async () => {
    await setup("room-join");
    await source.addParticipant("a", 200);
    await sleep(500);
    const recorder = await start();
    await sleep(4000);
    await source.addParticipant("b", 90);
    await sleep(5000);
    expect(recorder.process?.run).toBe(2);
    expect(recorder.inputStats.filter((s) => s.role === "camera")).toHaveLength(2);
    await recorder.stop("host");
    const path = join(dir, recordingKeys.livePlaylist(recorder.recordingId));
    const playlist = readPlaylist(path);
    expect(playlist.discontinuities).toBe(1);
    expect(decodeErrors(path)).toEqual([]);
    // The finalizer's download MP4 is this playlist remuxed: no hole between the runs, and audio
    // as long as video (it used to drift off the video and, in browsers, stop seconds early).
    const mp4 = remuxedDurations(path, join(dir, "download.mp4"));
    expect(Math.abs(mp4.format - playlist.total), `MP4 ${mp4.format} s vs playlist ${playlist.total} s`).toBeLessThan(0.7);
    expect(Math.abs(mp4.audio - mp4.video), `audio ${mp4.audio} s vs video ${mp4.video} s`).toBeLessThan(0.4);
  }, 45_000);

  it("fails with DISK_FULL when the disk fills, leaving the playlist so far intact", async (context) => {
    await setup("room-full");
    const { execFileSync } = await import("node:child_process");
    try {
      // The failure is reported within one poll (0.5 s) of free space dropping under minFreeBytes;
      // what takes time is filling the disk at ~50 kB/s, so leave only ~300 kB (3 segments) to fill.
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=700k", "tmpfs", dir], { stdio: "ignore" });
    } catch {
      context.skip(); // needs root to mount a tiny tmpfs
    }
    try {
      await source.addParticipant("a", 10);
      await sleep(500);
      // Stop short of the last bytes: a real full disk makes ffmpeg truncate its playlist.
      const recorder = await start({ minFreeBytes: 400_000 });
      const deadline = Date.now() + 25_000;
      while (!recorder.ended && Date.now() < deadline) await sleep(200);
      const failed = events.find((e) => e.type === "recording.failed");
      expect(failed).toMatchObject({ code: "DISK_FULL", message: expect.stringContaining("đầy") });
      expect(recorder.status).toMatchObject({ active: false, failureCode: "DISK_FULL" });
      // Reported promptly: within a poll or two of the segment that took free space under the bar.
      const lastSegment = events.filter((e) => e.type === "recording.segment").at(-1);
      const failedAt = failed?.type === "recording.failed" ? Date.parse(failed.at) : NaN;
      expect(failedAt - Date.parse(lastSegment?.type === "recording.segment" ? lastSegment.at : "")).toBeLessThan(1500);
      const path = join(dir, recordingKeys.livePlaylist(recorder.recordingId));
      const playlist = readPlaylist(path);
      expect(playlist.segments.length).toBeGreaterThan(0);
      expect(playlist.endlist).toBe(false); // left for the finalizer to close
      const segments = playlist.segments.map((segment) => join(dir, recordingKeys.liveDir(recorder.recordingId), segment));
      for (const segment of segments) expect(statSync(segment).size).toBeGreaterThan(0);
      expect(decodeSegmentErrors(segments)).toEqual([]);
    } finally {
      execFileSync("umount", ["-l", dir], { stdio: "ignore" });
    }
  }, 45_000);
});

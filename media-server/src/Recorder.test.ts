import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createWorker, type types } from "mediasoup";
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import { recordingKeys, type TRecordingEvent } from "@diemcau/protocol";
import { Recorder } from "./Recorder";
import { RecorderStateStore } from "./RecorderState";
import { ROOM_MEDIA_CODECS } from "./Room";
import { RECORDER_AUDIO_SLOTS } from "./recorder-slot-plan";
import { decodeErrors, decodeSegmentErrors, probeDuration, readPlaylist, remuxedDurations, TestRoomSource, toneLevelDb } from "./recorder-test-media";

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
      for (; seen < count; seen++) times.push(performance.now() - since);
    }, 100);
    return () => clearInterval(timer);
  };

  it("keeps writing 2 s segments while a producer is paused for 7 s (filler, no stall, no restart)", async () => {
    await setup("room-pause");
    const a = await source.addParticipant("a", 0);
    const b = await source.addParticipant("b", 120);
    await sleep(800);
    const recorder = await start();
    const startedAt = performance.now();
    const times: number[] = [];
    const stopWatching = segmentTimes(startedAt, times);
    await sleep(4000);
    source.speak("b");
    await b.video.pause();
    await b.audio.pause();
    const pausedAt = performance.now() - startedAt;
    await sleep(7000);
    await b.video.resume();
    await b.audio.resume();
    const resumedAt = performance.now() - startedAt;
    source.speak("a");
    await sleep(3000);
    const run = recorder.process!.run;
    await recorder.stop("host");
    stopWatching();
    const wall = (performance.now() - startedAt) / 1000;
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

  it("kills an ffmpeg that writes nothing (SIGSTOP) and restarts it like a crashed one", async () => {
    await setup("room-stall");
    await source.addParticipant("a", 40);
    await sleep(500);
    const recorder = await start({ stallTimeoutMs: 5000 });
    await sleep(4000);
    const stuck = recorder.process!;
    process.kill(stuck.pid!, "SIGSTOP");
    const exit = await stuck.exited;
    expect(exit.signal).toBe("SIGKILL");
    const deadline = performance.now() + 10_000;
    while (recorder.process?.run !== 2 && performance.now() < deadline) await sleep(200);
    expect(recorder.process?.run).toBe(2);
    await sleep(5000);
    await recorder.stop("host");
    const path = join(dir, recordingKeys.livePlaylist(recorder.recordingId));
    expect(readPlaylist(path).segments.some((s) => s.startsWith("seg-r2-"))).toBe(true);
    expect(decodeErrors(path)).toEqual([]);
  }, 45_000);

  it("people joining, leaving, muting and reconnecting switch the slots, never ffmpeg: one run, as long as the wall clock, late audio present", async () => {
    await setup("room-churn");
    // Tones at 300 + hue Hz: a 300, b 450, c 560, d 670, late 780.
    const [a, b] = [await source.addParticipant("a", 0), await source.addParticipant("b", 150)];
    await source.addParticipant("c", 260);
    await source.addParticipant("d", 370);
    void a;
    await sleep(500);
    const recorder = await start();
    const startedAt = performance.now();
    const at = () => (performance.now() - startedAt) / 1000;
    await sleep(3000);
    expect(recorder.slotStats.filter((s) => s.slot.startsWith("audio") && s.producerId !== null)).toHaveLength(RECORDER_AUDIO_SLOTS);
    // A fifth speaker joins late and speaks: the slot of the one heard longest ago is theirs.
    await source.addParticipant("late", 480);
    source.speak("late");
    const lateJoinedAt = at();
    await sleep(2500);
    await b.audio.pause(); // muted
    await b.video.pause();
    await sleep(2000);
    await b.audio.resume();
    await b.video.resume();
    source.speak("b");
    await sleep(2000);
    source.removeParticipant("c"); // leaves
    const cLeftAt = at();
    await sleep(2000);
    source.removeParticipant("d"); // reconnects: new producers, same peer
    await source.addParticipant("d", 370);
    await sleep(3000);
    const runWhileMeeting = recorder.process?.run;
    const wall = at();
    await recorder.stop("host");

    expect(runWhileMeeting).toBe(1);
    const state = JSON.parse(readFileSync(join(dir, recordingKeys.recorderState(recorder.recordingId)), "utf8")) as { runs: unknown[] };
    expect(state.runs).toHaveLength(1); // ffmpeg was started exactly once
    const path = join(dir, recordingKeys.livePlaylist(recorder.recordingId));
    expect(readFileSync(path, "utf8")).not.toContain("#EXT-X-DISCONTINUITY");
    expect(decodeErrors(path)).toEqual([]);
    const probed = probeDuration(path);
    expect(Math.abs(probed - wall), `recorded ${probed} s over ${wall} s of wall clock`).toBeLessThan(1);
    // The late speaker is heard once they joined (not before); c is heard until they left (not after).
    const late = { before: toneLevelDb(path, 780, 0.5, lateJoinedAt - 0.5), after: toneLevelDb(path, 780, lateJoinedAt + 1, wall - 0.5) };
    expect(late.after - late.before, `late speaker at 780 Hz: ${JSON.stringify(late)} dB`).toBeGreaterThan(20);
    const c = { before: toneLevelDb(path, 560, 0.5, cLeftAt - 0.5), after: toneLevelDb(path, 560, cLeftAt + 1, wall - 0.5) };
    expect(c.before - c.after, `c at 560 Hz: ${JSON.stringify(c)} dB`).toBeGreaterThan(20);
    const mp4 = remuxedDurations(path, join(dir, "download.mp4"));
    expect(Math.abs(mp4.audio - mp4.video), `audio ${mp4.audio} s vs video ${mp4.video} s`).toBeLessThan(0.4);
  }, 60_000);

  it("a speaker whose packets arrive in bursts does not cut the end off the recording's audio", async () => {
    await setup("room-bursts");
    // The only microphone, so the first audio slot: its packets are held 300 ms in every second.
    // The relay fills the hold with silence and then passes the burst on, so this input carries
    // more samples than its timestamps span; mixing by sample count once put the whole mix that
    // far behind the clock, and the audio ended seconds before the video.
    await source.addParticipant("a", 0, { audioBursts: { holdMs: 300, everyMs: 1000 } });
    await sleep(500);
    const recorder = await start();
    await sleep(10_000);
    await recorder.stop("host");

    const path = join(dir, recordingKeys.livePlaylist(recorder.recordingId));
    const mp4 = remuxedDurations(path, join(dir, "download.mp4"));
    expect(Math.abs(mp4.audio - mp4.video), `audio ${mp4.audio} s vs video ${mp4.video} s`).toBeLessThan(0.4);
    // What fills the end is a's tone (some 40 dB above its absence), not padding.
    const end = probeDuration(path);
    expect(toneLevelDb(path, 300, end - 3, end - 1), "a's tone near the end").toBeGreaterThan(-40);
  }, 45_000);

  it("a stop while ffmpeg is behind keeps what it has not read yet", async () => {
    await setup("room-behind");
    await source.addParticipant("a", 0);
    await source.addParticipant("b", 150);
    await sleep(500);
    const recorder = await start();
    const startedAt = performance.now();
    await sleep(5000);
    // A starved ffmpeg (a busy machine): 2.5 s of media wait on its sockets when the meeting ends.
    const pid = recorder.process!.pid!;
    process.kill(pid, "SIGSTOP");
    await sleep(2500);
    process.kill(pid, "SIGCONT");
    await recorder.stop("host");
    const wall = (performance.now() - startedAt) / 1000;

    const path = join(dir, recordingKeys.livePlaylist(recorder.recordingId));
    const probed = probeDuration(path);
    expect(Math.abs(probed - wall), `recorded ${probed} s over ${wall} s of wall clock`).toBeLessThan(1);
    const mp4 = remuxedDurations(path, join(dir, "download.mp4"));
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
      const deadline = performance.now() + 25_000;
      while (!recorder.ended && performance.now() < deadline) await sleep(200);
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

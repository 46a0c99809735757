import { EventEmitter } from "node:events";
import { createSocket } from "node:dgram";
import { randomInt, randomUUID } from "node:crypto";
import { appendFile, mkdir, readdir, readFile, rm, statfs, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { types } from "mediasoup";
import {
  NOT_RECORDING,
  RECORDING_FAILURE_MESSAGES,
  recordingKeys,
  type TChatMessage,
  type TMediaSource,
  type TRecorderState,
  type TRecordingEvent,
  type TRecordingFailureCode,
  type TRecordingStopReason,
  type TRoomRecording,
} from "@diemcau/protocol";
import { RecorderProcess, type TRecorderExit } from "./RecorderProcess";
import { RecorderSlot } from "./RecorderSlot";
import { planSlots, RECORDER_AUDIO_SLOTS, type TPlannedProducer, type TSlotPlan } from "./recorder-slot-plan";
import { killOrphanedRecorder } from "./recorder-orphans";
import { writeAtomically, type RecorderStateStore } from "./RecorderState";

export type TRecordedProducer = { producer: types.Producer; peerId: string; source: TMediaSource };

export type TRecorderSourceEvents = {
  /** A producer was added or closed: the slots may switch producers. (The recorder watches pauses itself.) */
  producersChanged: [];
  activeSpeakerChanged: [peerId: string | null];
};

/** What the recorder needs of a room (Room implements it; so can anything with a router and producers). */
export type TRecorderSourceListeners = { [K in keyof TRecorderSourceEvents]: (...args: TRecorderSourceEvents[K]) => void };

export type TRecorderSource = {
  /** Calls the listeners on every change until the returned function is called. */
  subscribe(listeners: TRecorderSourceListeners): () => void;
  readonly id: string;
  readonly router: types.Router;
  readonly activeSpeakerPeerId: string | null;
  readonly chatLog: readonly TChatMessage[];
  recordedProducers(): TRecordedProducer[];
};

export type TRecorderOptions = {
  source: TRecorderSource;
  store: RecorderStateStore;
  ffmpegPath: string;
  width: number;
  height: number;
  report: (event: TRecordingEvent) => void;
  log: (message: string) => void;
  /** A recording left unstopped by a previous media-server: append to it as a new run. */
  resume?: TRecorderState;
  /** More ffmpeg deaths than this within a minute fail the recording. */
  maxCrashesPerMinute?: number;
  /**
   * An ffmpeg that has written no segment for this long (2 s segments, a few seconds of start-up)
   * is stuck, not slow: it is killed and restarted like one that crashed.
   */
  stallTimeoutMs?: number;
  /**
   * The recording fails with DISK_FULL when less than this is free. ffmpeg itself reports nothing
   * on a full disk: it goes on writing empty segments and truncates its playlist to nothing.
   */
  minFreeBytes?: number;
};

export type TRecorderEvents = {
  /** The indicator peers see changed (started, stopped, failed). */
  state: [TRoomRecording];
  /** No more runs: stopped, suspended or failed. */
  ended: [];
};

/** ffmpeg's inputs, in SDP order: the camera slot, the screen slot, then the audio slots (TProgramLayout). */
type TSlots = { camera: RecorderSlot; screen: RecorderSlot; audio: RecorderSlot[] };

const SEGMENT_POLL_MS = 500;
const DEFAULT_STALL_TIMEOUT_MS = 20_000;
/**
 * A run's audio ends up to ~0.25 s past its listed (video) duration when ffmpeg flushes at stop;
 * the next run starts this much later so its packets never go back in time.
 */
const RUN_GUARD_SEC = 0.3;
const DEFAULT_MIN_FREE_BYTES = 200 * 1024 * 1024;

/**
 * Records one room into a live HLS program (recordings/<id>/live/index.m3u8) while the meeting
 * goes on: one supervised ffmpeg with a fixed set of inputs, RecorderSlots for the speaker's
 * camera, the screen share and RECORDER_AUDIO_SLOTS microphones. People joining, leaving, muting
 * or reconnecting only switch which producer feeds a slot (planSlots); ffmpeg runs on. It is
 * restarted, with -output_ts_offset (the duration recorded so far), only when it dies, and a
 * later media-server resumes an unstopped recording as a new run. Every step is reported as a
 * protocol recording event.
 */
export class Recorder extends EventEmitter<TRecorderEvents> {
  readonly #options: TRecorderOptions;
  readonly #source: TRecorderSource;
  readonly #state: TRecorderState;
  readonly #liveDir: string;
  #slots: TSlots | null = null;
  /** When each producer was last heard (active speaker) or unmuted, in ms of performance.now(): who gets an audio slot. */
  readonly #heardAt = new Map<string, number>();
  /** Pause and resume listeners on each producer seen, removed when the recording ends. */
  readonly #watched = new Map<string, () => void>();
  /** Producers no slot can carry (a codec the program's SDP does not announce): left out of the plan. */
  readonly #unrecordable = new Set<string>();
  #replanQueued = false;
  #process: RecorderProcess | null = null;
  #queue: Promise<void> = Promise.resolve();
  #crashes: number[] = [];
  #pollTimer: NodeJS.Timeout | undefined;
  /** When the current run started or last wrote a segment (ms of performance.now()). */
  #progressAt = 0;
  #segments = new Set<string>();
  /** The last playlist read with every segment so far: put back if a failing ffmpeg truncated it. */
  #goodPlaylist = "";
  #totalDurationSec = 0;
  #ended = false;
  #failureCode: TRecordingFailureCode | null = null;
  #unsubscribe: () => void = () => {};

  private constructor(options: TRecorderOptions, state: TRecorderState) {
    super();
    this.#options = options;
    this.#source = options.source;
    this.#state = state;
    this.#liveDir = options.store.path(recordingKeys.liveDir(state.recordingId));
  }

  /** Starts (or resumes) recording; throws when not even the first run could start. */
  static async start(options: TRecorderOptions): Promise<Recorder> {
    const state: TRecorderState = options.resume ?? {
      recordingId: randomUUID(),
      roomId: options.source.id,
      startedAt: new Date().toISOString(),
      runs: [],
    };
    const recorder = new Recorder(options, state);
    if (options.resume) await killOrphans(options.store, options.resume, options.log);
    await mkdir(recorder.#liveDir, { recursive: true });
    await recorder.#loadSegments(false);
    await options.store.markActive(state.roomId, state.recordingId);
    await recorder.#createSlots();
    try {
      await recorder.#feedSlots();
      await recorder.#startRun();
    } catch (error) {
      recorder.#closeSlots();
      throw error;
    }
    recorder.#unsubscribe = options.source.subscribe({
      producersChanged: () => recorder.#scheduleReplan(),
      activeSpeakerChanged: (peerId) => {
        if (peerId) recorder.#heard(peerId);
        recorder.#scheduleReplan();
      },
    });
    recorder.#pollTimer = setInterval(() => void recorder.#poll(), SEGMENT_POLL_MS);
    options.report({
      type: "recording.started",
      recordingId: state.recordingId,
      roomId: state.roomId,
      startedAt: state.startedAt,
      storagePrefix: recordingKeys.prefix(state.recordingId),
      run: state.runs.at(-1)!.run,
    });
    return recorder;
  }

  get recordingId(): string {
    return this.#state.recordingId;
  }

  get ended(): boolean {
    return this.#ended;
  }

  get status(): TRoomRecording {
    if (this.#ended) return { ...NOT_RECORDING, failureCode: this.#failureCode };
    return { active: true, recordingId: this.#state.recordingId, startedAt: this.#state.startedAt, failureCode: null };
  }

  /** The ffmpeg of the current run (tests kill it to prove the supervision). */
  get process(): RecorderProcess | null {
    return this.#process;
  }

  get totalDurationSec(): number {
    return this.#totalDurationSec;
  }

  /** Per slot: the producer it carries now, packets relayed, filler sent, switches of producer. */
  get slotStats() {
    const slots = this.#slots;
    if (!slots) return [];
    return [
      { slot: "camera", ...slots.camera.stats },
      { slot: "screen", ...slots.screen.stats },
      ...slots.audio.map((slot, index) => ({ slot: `audio-${index + 1}`, ...slot.stats })),
    ];
  }

  /** Ends the recording for good: last segment, #EXT-X-ENDLIST, chat.json, recording.stopped. */
  stop(reason: TRecordingStopReason): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#ended) return;
      await this.#finishRuns();
      const playlist = join(this.#liveDir, "index.m3u8");
      const text = await readFile(playlist, "utf8").catch(() => "");
      if (text && !text.includes("#EXT-X-ENDLIST")) await appendFile(playlist, "#EXT-X-ENDLIST\n").catch(() => {});
      const stoppedAt = new Date().toISOString();
      const chat = this.#source.chatLog.filter((message) => message.sentAt >= this.#state.startedAt);
      await writeAtomically(this.#options.store.path(recordingKeys.chat(this.recordingId)), JSON.stringify(chat)).catch(
        (error: Error) => this.#options.log(`recorder ${this.recordingId}: chat.json not written: ${error.message}`),
      );
      this.#state.stoppedAt = stoppedAt;
      this.#state.stopReason = reason;
      await this.#options.store.write(this.#state).catch(() => {});
      await this.#options.store.clearActive(this.#state.roomId).catch(() => {});
      this.#options.report({
        type: "recording.stopped",
        recordingId: this.recordingId,
        stoppedAt,
        totalDurationSec: round3(this.#totalDurationSec),
        reason,
      });
      this.#end();
    });
  }

  /**
   * Stops writing without ending the recording (media-server shutting down, its worker died):
   * recorder.json stays unstopped, so the room coming back resumes it as a new run.
   */
  suspend(): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#ended) return;
      await this.#finishRuns();
      this.#end();
    });
  }

  // ── runs ───────────────────────────────────────────────────────────────────

  #enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(step, step);
    this.#queue = next.catch((error: unknown) => this.#options.log(`recorder ${this.recordingId}: ${(error as Error)?.stack ?? error}`));
    return next;
  }

  async #startRun(): Promise<void> {
    const slots = this.#allSlots();
    const run = (this.#state.runs.at(-1)?.run ?? 0) + 1;
    // A new run continues where the listed segments end, not at the wall-clock time: the seconds
    // lost between runs (ffmpeg's start-up, a crashed run's unfinished segment) would otherwise be
    // a hole in the timeline that makes any remux (the download MP4) longer than the playlist.
    await this.#loadSegments(true);
    const offsetSec = this.#state.runs.length === 0 ? 0 : this.#totalDurationSec + RUN_GUARD_SEC;
    this.#state.runs.push({ run, startedAt: new Date().toISOString(), offsetSec: round3(offsetSec) });
    await this.#options.store.write(this.#state);
    // ffmpeg's ports are new for every run: a crashed run's may not be free again yet.
    const ports = await freePortPairs(slots.length);
    slots.forEach((slot, index) => slot.sendTo(ports[index]!));
    const sdp = ["v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=diemcau-recording", "c=IN IP4 127.0.0.1", "t=0 0"];
    for (const slot of slots) sdp.push(...slot.sdp());
    const process = await RecorderProcess.start({
      ffmpegPath: this.#options.ffmpegPath,
      sdp: `${sdp.join("\n")}\n`,
      layout: { audioSlots: RECORDER_AUDIO_SLOTS },
      showScreen: this.#slots!.screen.producerId !== null,
      width: this.#options.width,
      height: this.#options.height,
      liveDir: this.#liveDir,
      run,
      offsetSec,
      ports: ports.flatMap((port) => [port, port + 1]),
    });
    this.#process = process;
    this.#progressAt = performance.now();
    for (const slot of slots) slot.restartStream();
    void process.exited.then((exit) => this.#onExit(process, exit));
    if (process.pid !== undefined) {
      this.#state.runs.at(-1)!.pid = process.pid;
      // Only orphan clean-up needs it; a full disk is reported by the poll, not by failing this run.
      await this.#options.store.write(this.#state).catch((error: Error) => this.#options.log(`recorder ${this.recordingId}: pid not saved: ${error.message}`));
    }
    this.#options.log(`recorder ${this.recordingId}: run ${run} (ffmpeg ${process.pid}, ${slots.length} inputs, offset ${offsetSec.toFixed(1)} s)`);
  }

  async #finishRuns(): Promise<void> {
    this.#unsubscribe();
    const process = this.#process;
    this.#process = null;
    if (process) await process.stop();
    clearInterval(this.#pollTimer);
    await this.#loadSegments(true);
    this.#closeSlots();
  }

  #onExit(process: RecorderProcess, exit: TRecorderExit): void {
    if (process !== this.#process || process.stopping || this.#ended) return;
    this.#process = null;
    if (exit.diskFull) return void this.#fail("DISK_FULL", exit.stderrTail);
    const now = Date.now();
    this.#crashes = [...this.#crashes.filter((at) => now - at < 60_000), now];
    if (this.#crashes.length > (this.#options.maxCrashesPerMinute ?? 3))
      return void this.#fail("FFMPEG_CRASHED", exit.stderrTail);
    this.#options.log(
      `recorder ${this.recordingId}: ffmpeg run ${process.run} died (code ${exit.code}, signal ${exit.signal}); restarting`,
    );
    void this.#enqueue(async () => {
      if (this.#ended || this.#process) return;
      await this.#startRun().catch((error: unknown) => this.#failFromError(error));
    });
  }

  #fail(code: TRecordingFailureCode, detail: string): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#ended) return;
      this.#options.log(`recorder ${this.recordingId}: failed ${code}: ${detail.trim().split("\n").slice(-3).join(" | ")}`);
      this.#process?.kill();
      this.#process = null;
      await this.#finishRuns();
      await this.#keepGoodPlaylist();
      const at = new Date().toISOString();
      this.#state.failed = { at, code };
      // On a full disk this write fails too; the recording is still left as it was on disk.
      await this.#options.store.write(this.#state).catch(() => {});
      await this.#options.store.clearActive(this.#state.roomId).catch(() => {});
      this.#failureCode = code;
      this.#options.report({ type: "recording.failed", recordingId: this.recordingId, at, code, message: RECORDING_FAILURE_MESSAGES[code] });
      this.#end();
    });
  }

  #failFromError(error: unknown): Promise<void> {
    const nodeError = error as NodeJS.ErrnoException;
    return this.#fail(nodeError?.code === "ENOSPC" ? "DISK_FULL" : "RECORDER_ERROR", String(nodeError?.message ?? error));
  }

  #end(): void {
    this.#ended = true;
    this.emit("state", this.status);
    this.emit("ended");
  }

  // ── slots ──────────────────────────────────────────────────────────────────

  async #createSlots(): Promise<void> {
    const create = (kind: "audio" | "video") => RecorderSlot.create({ kind, router: this.#source.router, ffmpegPath: this.#options.ffmpegPath });
    const created = await Promise.allSettled([create("video"), create("video"), ...Array.from({ length: RECORDER_AUDIO_SLOTS }, () => create("audio"))]);
    const slots = created.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const failed = created.find((result) => result.status === "rejected");
    if (failed) {
      for (const slot of slots) slot.close();
      throw failed.reason;
    }
    const [camera, screen, ...audio] = slots as [RecorderSlot, RecorderSlot, ...RecorderSlot[]];
    this.#slots = { camera, screen, audio };
  }

  #allSlots(): RecorderSlot[] {
    const slots = this.#slots!;
    return [slots.camera, slots.screen, ...slots.audio];
  }

  #closeSlots(): void {
    for (const unwatch of this.#watched.values()) unwatch();
    this.#watched.clear();
    if (this.#slots) for (const slot of this.#allSlots()) slot.close();
    this.#slots = null;
  }

  /** Joins, leaves, mutes and speaker changes arrive in bursts: one replan after the burst, in the queue. */
  #scheduleReplan(): void {
    if (this.#replanQueued) return;
    this.#replanQueued = true;
    void this.#enqueue(async () => {
      this.#replanQueued = false;
      if (!this.#ended && this.#slots) await this.#feedSlots();
    });
  }

  #heard(peerId: string): void {
    const now = performance.now();
    for (const { producer, peerId: owner } of this.#source.recordedProducers()) if (owner === peerId) this.#heardAt.set(producer.id, now);
  }

  /** Follows the pauses and resumes of a producer: an unmuted microphone wants a slot now. */
  #watch(producer: types.Producer): void {
    if (this.#watched.has(producer.id)) return;
    this.#heardAt.set(producer.id, producer.paused ? -Infinity : performance.now());
    const resumed = () => {
      this.#heardAt.set(producer.id, performance.now());
      this.#scheduleReplan();
    };
    const paused = () => this.#scheduleReplan();
    const closed = () => {
      this.#watched.get(producer.id)?.();
      this.#heardAt.delete(producer.id);
      this.#unrecordable.delete(producer.id);
    };
    producer.observer.on("resume", resumed);
    producer.observer.on("pause", paused);
    producer.observer.once("close", closed);
    this.#watched.set(producer.id, () => {
      producer.observer.off("resume", resumed);
      producer.observer.off("pause", paused);
      producer.observer.off("close", closed);
      this.#watched.delete(producer.id);
    });
  }

  /** Points each slot at the producer planSlots picks; a producer that cannot be consumed is left out from then on. */
  async #feedSlots(): Promise<void> {
    const slots = this.#slots!;
    const recorded = this.#source.recordedProducers().filter(({ producer }) => !producer.closed && !this.#unrecordable.has(producer.id));
    for (const { producer } of recorded) this.#watch(producer);
    const planned: TPlannedProducer[] = recorded.map(({ producer, peerId, source }) => ({
      id: producer.id,
      peerId,
      kind: producer.kind,
      source,
      paused: producer.paused,
      heardAt: this.#heardAt.get(producer.id) ?? -Infinity,
    }));
    const current: TSlotPlan = { camera: slots.camera.producerId, screen: slots.screen.producerId, audio: slots.audio.map((slot) => slot.producerId) };
    const plan = planSlots(planned, current, this.#source.activeSpeakerPeerId);
    const producers = new Map(recorded.map(({ producer }) => [producer.id, producer]));
    const assignments: [RecorderSlot, string | null][] = [
      [slots.camera, plan.camera],
      [slots.screen, plan.screen],
      ...slots.audio.map((slot, index): [RecorderSlot, string | null] => [slot, plan.audio[index] ?? null]),
    ];
    let retry = false;
    for (const [slot, producerId] of assignments) {
      try {
        await slot.feed(producerId === null ? null : producers.get(producerId)!);
      } catch (error) {
        // Closed meanwhile (the next replan sees it gone), or a codec the slot cannot carry.
        if (producerId !== null && !producers.get(producerId)!.closed) {
          this.#unrecordable.add(producerId);
          this.#options.log(`recorder ${this.recordingId}: producer ${producerId} cannot be recorded: ${(error as Error).message}`);
        }
        await slot.feed(null);
        retry = true;
      }
    }
    const showScreen = slots.screen.producerId !== null;
    if (showScreen !== (current.screen !== null)) this.#process?.showScreen(showScreen);
    if (retry) this.#scheduleReplan();
  }

  // ── segments ───────────────────────────────────────────────────────────────

  async #poll(): Promise<void> {
    await this.#loadSegments(true);
    if (this.#ended || !this.#process) return;
    const stallTimeoutMs = this.#options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    if (performance.now() - this.#progressAt > stallTimeoutMs) {
      this.#options.log(`recorder ${this.recordingId}: ffmpeg run ${this.#process.run} wrote nothing for ${stallTimeoutMs / 1000} s; killing it`);
      this.#progressAt = performance.now();
      this.#process.killStalled();
      return;
    }
    const stats = await statfs(this.#liveDir).catch(() => null);
    if (stats && stats.bavail * stats.bsize < (this.#options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES))
      await this.#fail("DISK_FULL", `${stats.bavail * stats.bsize} bytes free in ${this.#liveDir}`);
  }

  /** Leaves live/ as the last good playlist says: no half-written segment, no truncated playlist. */
  async #keepGoodPlaylist(): Promise<void> {
    const files = await readdir(this.#liveDir).catch(() => [] as string[]);
    for (const file of files)
      if ((file.endsWith(".ts") || file.endsWith(".tmp")) && !this.#segments.has(file))
        await rm(join(this.#liveDir, file), { force: true }).catch(() => {});
    const path = join(this.#liveDir, "index.m3u8");
    const current = await readFile(path, "utf8").catch(() => "");
    if (this.#goodPlaylist && current.length < this.#goodPlaylist.length)
      await writeFile(path, this.#goodPlaylist).catch(() => {});
  }

  /** Reads the live playlist and reports the segments not seen before. */
  async #loadSegments(report: boolean): Promise<void> {
    let text: string;
    try {
      text = await readFile(join(this.#liveDir, "index.m3u8"), "utf8");
    } catch {
      return;
    }
    if (text.length >= this.#goodPlaylist.length) this.#goodPlaylist = text;
    let duration: number | null = null;
    for (const line of text.split("\n")) {
      if (line.startsWith("#EXTINF:")) duration = Number.parseFloat(line.slice(8));
      else if (line && !line.startsWith("#") && duration !== null) {
        const name = line.trim();
        const durationSec = duration;
        duration = null;
        if (this.#segments.has(name)) continue;
        this.#segments.add(name);
        this.#progressAt = performance.now();
        this.#totalDurationSec += durationSec;
        if (!report) continue;
        this.#options.report({
          type: "recording.segment",
          recordingId: this.recordingId,
          run: Number(/seg-r(\d+)-/.exec(name)?.[1] ?? this.#state.runs.at(-1)?.run ?? 1),
          segment: name,
          durationSec: round3(durationSec),
          totalDurationSec: round3(this.#totalDurationSec),
          segmentCount: this.#segments.size,
          at: new Date().toISOString(),
        });
      }
    }
  }
}

/** Kills the ffmpeg runs of a recording that a killed media-server left running (checked by /proc cmdline). */
export async function killOrphans(store: RecorderStateStore, state: TRecorderState, log: (message: string) => void): Promise<void> {
  const playlist = store.path(recordingKeys.livePlaylist(state.recordingId));
  for (const { run, pid } of state.runs)
    if (pid !== undefined && (await killOrphanedRecorder(pid, playlist)))
      log(`recorder ${state.recordingId}: killed the orphaned ffmpeg ${pid} of run ${run}`);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Even ports p whose p and p+1 are free now, for ffmpeg's RTP and RTCP (below mediasoup's range). */
async function freePortPairs(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let attempt = 0; ports.length < count && attempt < count * 50; attempt++) {
    const port = randomInt(10_000, 19_999) * 2;
    if (ports.includes(port)) continue;
    if ((await udpPortFree(port)) && (await udpPortFree(port + 1))) ports.push(port);
  }
  if (ports.length < count) throw new Error("no free UDP ports for the recorder");
  return ports;
}

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket("udp4");
    socket.once("error", () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
  });
}

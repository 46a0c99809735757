import { NOT_RECORDING, type TRecordingEvent, type TRecordingStopReason, type TRoomRecording } from "@diemcau/protocol";
import { killOrphans, Recorder } from "./Recorder";
import { RecorderStateStore } from "./RecorderState";
import type { Room } from "./Room";
import { SignalingError } from "./SignalingError";

export type TRecordersOptions = {
  storageDir: string;
  ffmpegPath: string;
  width: number;
  height: number;
  report: (event: TRecordingEvent) => void;
  log: (message: string) => void;
  minFreeBytes?: number;
};

/**
 * The recorders of this process, one per recording room. Starts one when the host asks (or when
 * a host whose token says autoRecord joins), resumes the unstopped recording a previous process
 * left when a host is back, goes on with the recording of a room whose home node died, and ends
 * it with the room.
 */
export class Recorders {
  readonly #options: TRecordersOptions;
  readonly #store: RecorderStateStore;
  readonly #recorders = new Map<string, Recorder>();
  readonly #starting = new Map<string, Promise<Recorder>>();
  readonly #autoStarted = new Set<string>();
  /** Recordings of rooms that closed and are still being stopped, by room id. */
  readonly #closing = new Map<string, Promise<void>>();

  constructor(options: TRecordersOptions) {
    this.#options = options;
    this.#store = new RecorderStateStore(options.storageDir);
  }

  /**
   * At start-up: a media-server killed with SIGKILL leaves its ffmpeg runs writing (idle, since
   * their input is gone). Kill them now rather than when the room comes back, which may be never.
   */
  async killOrphans(): Promise<void> {
    for (const state of await this.#store.allPending()) await killOrphans(this.#store, state, this.#options.log);
  }

  activeRecordingIds(): string[] {
    return [...this.#recorders.values()].filter((r) => !r.ended).map((r) => r.recordingId);
  }

  status(roomId: string): TRoomRecording {
    return this.#recorders.get(roomId)?.status ?? NOT_RECORDING;
  }

  watch(room: Room): void {
    room.on("peerJoined", (peer) => {
      if (peer.role !== "HOST") return;
      // A room spread over nodes is recorded on its home node; a host joining elsewhere has it started there.
      if (!room.isHome) {
        if (peer.autoRecord) room.recordOnHome("start").catch((error: Error) => this.#options.log(`recorder: room ${room.id}: ${error.message}`));
        return;
      }
      void this.#store.pending(room.id).then(async (pending) => {
        if (pending) return this.start(room, pending);
        if (peer.autoRecord && !this.#autoStarted.has(room.id)) {
          this.#autoStarted.add(room.id);
          return this.start(room);
        }
      }).catch((error: unknown) => this.#options.log(`recorder: room ${room.id}: ${(error as Error).message}`));
    });
    room.on("recordingAdopted", (previous) => void this.#adopt(room, previous));
    room.once("close", (reason) => {
      const recorder = this.#recorders.get(room.id);
      if (!recorder) return;
      const done = reason === "ended" || reason === "empty"
        ? recorder.stop(reason === "ended" ? "meeting-ended" : "room-closed")
        : recorder.suspend();
      const settled = done.finally(() => {
        if (this.#recorders.get(room.id) === recorder) this.#recorders.delete(room.id);
        if (this.#closing.get(room.id) === settled) this.#closing.delete(room.id);
      });
      this.#closing.set(room.id, settled);
    });
  }

  /**
   * The node recording the room died and this node became its home: the recording goes on here
   * without anyone asking. Recordings are written to each node's own STORAGE_DIR (S3 only gets
   * finished media), so the dead node's segments, recorder.json and orphaned ffmpeg are out of
   * this node's reach: it starts a new recording of the room, reported to web like any start, and
   * the dead node's part is finalized by web's stale-recording sweep from what it wrote. Only when
   * that recording's state is on this node's disk too (this node was the one recording it, before
   * a restart, or the nodes share STORAGE_DIR) is the same recording resumed, as after a single
   * node's crash: Recorder kills the orphaned ffmpeg it can see and appends a run.
   */
  async #adopt(room: Room, previous: TRoomRecording): Promise<void> {
    try {
      if (room.closed) return;
      const pending = await this.#store.pending(room.id);
      await this.start(room, pending?.recordingId === previous.recordingId ? pending : undefined);
    } catch {
      // start() logged why. Nobody records the room any more: the indicator the dead node left on goes off.
      if (!room.closed && room.isHome) room.setRecording(NOT_RECORDING);
    }
  }

  /** Starts (or resumes) the room's recording; the running one when there is one. */
  async start(room: Room, resume?: Awaited<ReturnType<RecorderStateStore["pending"]>>): Promise<Recorder> {
    // A room reopened right after it closed: its old recording is still being stopped and must
    // not pass for this room's (the host's start would change nothing, and no indicator shows).
    await this.#closing.get(room.id);
    const running = this.#recorders.get(room.id);
    if (running && !running.ended) return running;
    let starting = this.#starting.get(room.id);
    if (!starting) {
      starting = Recorder.start({
        source: room,
        store: this.#store,
        ffmpegPath: this.#options.ffmpegPath,
        width: this.#options.width,
        height: this.#options.height,
        report: this.#options.report,
        log: this.#options.log,
        ...(resume ? { resume } : {}),
        ...(this.#options.minFreeBytes !== undefined ? { minFreeBytes: this.#options.minFreeBytes } : {}),
      }).finally(() => this.#starting.delete(room.id));
      this.#starting.set(room.id, starting);
    }
    let recorder: Recorder;
    try {
      recorder = await starting;
    } catch (error) {
      this.#options.log(`recorder: room ${room.id} could not start: ${(error as Error).message}`);
      throw new SignalingError("RECORDING_UNAVAILABLE");
    }
    this.#recorders.set(room.id, recorder);
    recorder.on("state", (state) => room.setRecording(state));
    room.setRecording(recorder.status);
    return recorder;
  }

  async stop(room: Room, reason: TRecordingStopReason): Promise<void> {
    await this.#starting.get(room.id)?.catch(() => {});
    await this.#recorders.get(room.id)?.stop(reason);
  }

  /** Shutdown: every recording stays resumable by the next process. */
  async suspendAll(): Promise<void> {
    await Promise.all([...this.#recorders.values()].map((recorder) => recorder.suspend()));
  }
}

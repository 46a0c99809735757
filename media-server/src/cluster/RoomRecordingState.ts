import type { Redis } from "ioredis";
import { z } from "zod";
import { mediaNodeKeys } from "@diemcau/media-nodes";
import { ZRoomRecordingSchema, type TRoomRecording } from "@diemcau/protocol";
import { safeJson } from "./NodeRequests";
import type { TLiveNodes } from "./RoomLink";

/**
 * How long the room's recording state outlives its home's last refresh (at every heartbeat while
 * it records). A home that dies recording leaves it this long for the node that takes the room
 * over, which may be the node its peers reconnect to when no other node held the room (socket.io
 * notices a silent connection after up to 45 s). A room reopened later is a new meeting: it
 * records when a host asks.
 */
const RECORDING_STATE_TTL_MS = 2 * 60_000;

/** `node` and `since`: the node run that wrote it (its record's startedAt), so a reader knows whether it still lives. */
const ZRoomRecordingEntrySchema = z.object({ node: z.string(), since: z.number(), recording: ZRoomRecordingSchema });
export type TRoomRecordingEntry = z.infer<typeof ZRoomRecordingEntrySchema>;

/**
 * A room's recording state in Redis, written by its home node whenever it changes, so that a node
 * that opens the room later shows the indicator and a node that takes over a dead home knows the
 * room was being recorded.
 */
export class RoomRecordingState {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #writer: { node: string; since: number };

  constructor(redis: Redis, roomId: string, writer: { node: string; since: number }) {
    this.#redis = redis;
    this.#key = mediaNodeKeys.roomRecording(roomId);
    this.#writer = writer;
  }

  async save(recording: TRoomRecording): Promise<void> {
    const entry: TRoomRecordingEntry = { ...this.#writer, recording };
    await this.#redis.set(this.#key, JSON.stringify(entry), "PX", RECORDING_STATE_TTL_MS);
  }

  /** The home is alive and still recording: the state stays. */
  async keep(): Promise<void> {
    await this.#redis.pexpire(this.#key, RECORDING_STATE_TTL_MS);
  }

  async load(): Promise<TRoomRecordingEntry | null> {
    const json = await this.#redis.get(this.#key);
    if (json === null) return null;
    const entry = ZRoomRecordingEntrySchema.safeParse(safeJson(json));
    return entry.success ? entry.data : null;
  }

  /** The meeting is over: nothing is left to go on recording. */
  async drop(): Promise<void> {
    await this.#redis.del(this.#key);
  }
}

/**
 * The recording a home node left running when it died: still active in the state it wrote last,
 * and written by a node run that is no longer alive. Null for a room that was not recording, or
 * whose recorder's node is still up.
 */
export function recordingLeftBehind(entry: TRoomRecordingEntry | null, live: TLiveNodes): TRoomRecording | null {
  if (!entry?.recording.active) return null;
  return live.get(entry.node) === entry.since ? null : entry.recording;
}

import type { AttendanceReporter } from "./attendance-reporter";
import type { Recorders } from "./Recorders";
import type { TIceConfig } from "./turn-credentials";
import { Room, ROOM_MEDIA_CODECS, type TRoomLimits } from "./Room";
import { RoomRouters } from "./RoomRouters";
import { SignalingError } from "./SignalingError";
import type { WorkerPool } from "./WorkerPool";

export type TRoomsOptions = {
  pool: WorkerPool;
  listenIp: { ip: string; announcedIp?: string };
  ice: TIceConfig;
  emptyGraceMs: number;
  limits: TRoomLimits;
  /**
   * Transports plus consumers a core carries before a room's new peers go to the room's router on
   * another core (NODE_CAPACITY_PER_CORE); unset, a room keeps to one core.
   */
  coreCapacity?: number;
  /** How long an ended meeting refuses joins: at least a join token's lifetime. */
  endedMemoryMs?: number;
  /** Told about every room, to report its joins and leaves to web. */
  attendance?: AttendanceReporter;
  recorders?: Recorders;
};

/** Links each room opened here to the room's other nodes (cluster/MediaCluster). */
export type TRoomSpreader = { attach(room: Room): Promise<void> };

/** The rooms of this process, one router each, created on first use. */
export class Rooms {
  readonly #rooms = new Map<string, Room>();
  readonly #creating = new Map<string, Promise<Room>>();
  readonly #endedUntil = new Map<string, number>();
  readonly #options: TRoomsOptions;
  #spreader: TRoomSpreader | null = null;

  constructor(options: TRoomsOptions) {
    this.#options = options;
  }

  get count(): number {
    return this.#rooms.size;
  }

  find(roomId: string): Room | undefined {
    return this.#rooms.get(roomId);
  }

  /** The open room, created on the least-loaded worker if needed; concurrent callers share one. */
  async get(roomId: string): Promise<Room> {
    const ended = this.#endedUntil.get(roomId);
    if (ended !== undefined) {
      if (ended > Date.now()) throw new SignalingError("ROOM_ENDED");
      this.#endedUntil.delete(roomId);
    }
    const open = this.#rooms.get(roomId);
    if (open && !open.closed) return open;
    let creating = this.#creating.get(roomId);
    if (!creating) {
      creating = this.#create(roomId).finally(() => this.#creating.delete(roomId));
      this.#creating.set(roomId, creating);
    }
    return creating;
  }

  /** With several nodes: every room opened from now on is linked to its other nodes. */
  spreadWith(spreader: TRoomSpreader): void {
    this.#spreader = spreader;
  }

  closeAll(): void {
    for (const room of [...this.#rooms.values()]) room.close("shutdown");
  }

  async #create(roomId: string): Promise<Room> {
    const router = await this.#options.pool.createRouter({ mediaCodecs: ROOM_MEDIA_CODECS });
    const room = await Room.create({
      id: roomId,
      router,
      routers: new RoomRouters(router, { pool: this.#options.pool, coreCapacity: this.#options.coreCapacity, mediaCodecs: ROOM_MEDIA_CODECS }),
      listenIp: this.#options.listenIp,
      ice: this.#options.ice,
      emptyGraceMs: this.#options.emptyGraceMs,
      limits: this.#options.limits,
    });
    // Before the room is linked to its other nodes: linking it may hand it a dead home's recording.
    this.#options.recorders?.watch(room);
    if (this.#spreader) {
      try {
        await this.#spreader.attach(room);
      } catch (error) {
        room.close("shutdown");
        throw error;
      }
    }
    this.#rooms.set(roomId, room);
    this.#options.attendance?.watch(room);
    room.once("close", (reason) => {
      if (this.#rooms.get(roomId) === room) this.#rooms.delete(roomId);
      if (reason === "ended") this.#endedUntil.set(roomId, Date.now() + (this.#options.endedMemoryMs ?? 5 * 60_000));
    });
    return room;
  }
}

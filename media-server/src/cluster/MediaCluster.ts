import type { Redis } from "ioredis";
import { NodeRegistry, RoomPlacement, startHeartbeat, type TMediaNode, type THeartbeat } from "@diemcau/media-nodes";
import type { Recorders } from "../Recorders";
import { ZRollCallStepSchema } from "../RollCall";
import type { Room } from "../Room";
import type { Rooms } from "../Rooms";
import type { WorkerPool } from "../WorkerPool";
import { z } from "zod";
import { applyHostAction, ZHostActionSchema, ZHostActorSchema } from "../host-actions";
import { SignalingError } from "../SignalingError";
import { NodeRequests, type TRequestHandler } from "./NodeRequests";
import { PipeServer } from "./PipeLinks";
import { RoomLink, type TClusterContext } from "./RoomLink";
import { Subscriptions } from "./Subscriptions";

export type TClusterConfig = {
  nodeId: string;
  /** Where browsers reach this node's socket.io. */
  signalingUrl: string;
  /** Where other nodes' pipe transports reach this one. */
  internalIp: string;
  capacityPerCore: number;
  heartbeatMs: number;
};

/**
 * This process as one node of several sharing a Redis: it registers itself with its load at every
 * heartbeat, answers other nodes' pipe requests, links each of its rooms to the room's other nodes,
 * and notices a node that died within a few heartbeats (its peers leave, its pipes close, a room it
 * was home to gets a new home).
 */
export class MediaCluster {
  readonly #config: TClusterConfig;
  readonly #pool: WorkerPool;
  readonly #registry: NodeRegistry;
  readonly #subscriber: Redis;
  readonly #ctx: TClusterContext;
  readonly #links = new Map<Room, RoomLink>();
  /** Live nodes and the start of their current run. */
  #live = new Map<string, number>();
  #heartbeat: THeartbeat | null = null;
  #syncTimer: NodeJS.Timeout | undefined;

  private constructor(config: TClusterConfig, pool: WorkerPool, registry: NodeRegistry, subscriber: Redis, ctx: TClusterContext) {
    this.#config = config;
    this.#pool = pool;
    this.#registry = registry;
    this.#subscriber = subscriber;
    this.#ctx = ctx;
  }

  /** `redis` runs commands; `subscriber` is a second connection given over to pub/sub. */
  static async start(
    config: TClusterConfig,
    deps: { redis: Redis; subscriber: Redis; rooms: Rooms; pool: WorkerPool; recorders: Recorders; log: (message: string) => void },
  ): Promise<MediaCluster> {
    const registry = new NodeRegistry(deps.redis);
    const subscriptions = new Subscriptions(deps.subscriber);
    const pipeServer = new PipeServer(deps.rooms, config.internalIp);
    const requests = await NodeRequests.start(deps.redis, subscriptions, config.nodeId, {
      openPipe: pipeServer.openPipe,
      closePipes: pipeServer.closePipes,
      ...hostActionHandlers(deps.rooms),
      recording: recordingHandler(deps.rooms, deps.recorders),
      rollCall: rollCallHandler(deps.rooms),
    });
    const ctx: TClusterContext = {
      nodeId: config.nodeId,
      startedAt: Date.now(),
      internalIp: config.internalIp,
      redis: deps.redis,
      subscriptions,
      requests,
      placement: new RoomPlacement(deps.redis, registry),
      pipeServer,
      log: deps.log,
    };
    const cluster = new MediaCluster(config, deps.pool, registry, deps.subscriber, ctx);
    cluster.#heartbeat = await startHeartbeat(registry, () => cluster.record(), {
      intervalMs: config.heartbeatMs,
      onError: (error) => deps.log(`node registry: ${error.message}`),
    });
    await cluster.#sync();
    cluster.#syncTimer = setInterval(() => void cluster.#sync().catch((error: Error) => deps.log(`node sync: ${error.message}`)), config.heartbeatMs);
    deps.log(`node ${config.nodeId} registered (${config.signalingUrl}, pipes on ${config.internalIp})`);
    return cluster;
  }

  get nodeId(): string {
    return this.#config.nodeId;
  }

  get pipeCount(): number {
    return this.#ctx.pipeServer.size;
  }

  /** What this node tells the others and web at every heartbeat. */
  record(): TMediaNode {
    const { transports, consumers } = this.#pool.counts();
    return {
      id: this.#config.nodeId,
      signalingUrl: this.#config.signalingUrl,
      internalIp: this.#config.internalIp,
      cores: Math.max(1, this.#pool.liveWorkerCount),
      transports,
      consumers,
      capacityPerCore: this.#config.capacityPerCore,
      startedAt: this.#ctx.startedAt,
      updatedAt: Date.now(),
    };
  }

  /** Links a room just opened here to its other nodes. */
  async attach(room: Room): Promise<void> {
    const link = await RoomLink.open(this.#ctx, room, this.#live);
    this.#links.set(room, link);
    room.once("close", () => this.#links.delete(room));
  }

  /** The room's home as this node last saw it (for tests and diagnostics). */
  homeOf(room: Room): string | null {
    return this.#links.get(room)?.homeId ?? null;
  }

  async close(): Promise<void> {
    clearInterval(this.#syncTimer);
    this.#ctx.requests.close();
    await this.#heartbeat?.stop().catch(() => {});
    this.#subscriber.disconnect();
  }

  async #sync(): Promise<void> {
    const live = new Map((await this.#registry.liveNodes()).map((node) => [node.id, node.startedAt]));
    live.set(this.#config.nodeId, this.#ctx.startedAt);
    const gone = new Set([...this.#live].filter(([id, startedAt]) => live.get(id) !== startedAt).map(([id]) => id));
    this.#live = live;
    if (gone.size > 0) {
      this.#ctx.log(`node(s) gone: ${[...gone].join(", ")}`);
      this.#ctx.pipeServer.closeToNodes(gone);
    }
    await Promise.all([...this.#links.values()].map((link) => link.sync(live)));
  }
}

const ZHostActionRequestSchema = z.object({ roomId: z.string(), peerId: z.string(), actor: ZHostActorSchema, action: ZHostActionSchema });
const ZMuteAllRequestSchema = z.object({ roomId: z.string(), actor: ZHostActorSchema });

/** A host on another node acting on peers here: the same rules and the same refusals as a host here. */
function hostActionHandlers(rooms: Rooms): Record<string, TRequestHandler> {
  return {
    hostAction: async (_from, params) => {
      const { roomId, peerId, actor, action } = ZHostActionRequestSchema.parse(params);
      const target = rooms.find(roomId)?.peers.get(peerId);
      if (!target) throw new SignalingError("PEER_NOT_FOUND");
      return applyHostAction(rooms.find(roomId)!, actor, target, action);
    },
    muteAll: async (_from, params) => {
      const { roomId, actor } = ZMuteAllRequestSchema.parse(params);
      return { muted: (await rooms.find(roomId)?.muteLocalPeers(actor)) ?? 0 };
    },
  };
}

const ZRecordingRequestSchema = z.object({ roomId: z.string(), action: z.enum(["start", "stop"]) });

/** A host on another node starts or stops the recording, which runs here on the room's home. */
function recordingHandler(rooms: Rooms, recorders: Recorders): TRequestHandler {
  return async (_from, params) => {
    const { roomId, action } = ZRecordingRequestSchema.parse(params);
    const room = rooms.find(roomId);
    if (!room) throw new SignalingError("RECORDING_UNAVAILABLE");
    if (action === "start") await recorders.start(room);
    else await recorders.stop(room, "host");
    return room.recording;
  };
}

const ZRollCallRequestSchema = z.object({ roomId: z.string(), step: ZRollCallStepSchema });

/** The roll call of a spread room is kept here on its home; its bridge points answer from any node. */
function rollCallHandler(rooms: Rooms): TRequestHandler {
  return async (_from, params) => {
    const { roomId, step } = ZRollCallRequestSchema.parse(params);
    const room = rooms.find(roomId);
    if (!room) throw new SignalingError("ROLL_CALL_NOT_ACTIVE");
    return room.takeRollCallStep(step);
  };
}

import type { Redis } from "ioredis";
import type { types } from "mediasoup";
import { z } from "zod";
import { mediaNodeKeys, type RoomPlacement } from "@diemcau/media-nodes";
import {
  signalingEvents,
  ZPeerInfoSchema,
  ZProducerInfoSchema,
  ZRollCallSchema,
  ZRoomRecordingSchema,
  type TPeerInfo,
  type TRollCall,
  type TProducerInfo,
  type TRoomRecording,
  type TSignalingEvent,
} from "@diemcau/protocol";
import type { THostAction, THostActor } from "../host-actions";
import type { TProducerAppData } from "../Peer";
import type { TRollCallStep } from "../RollCall";
import type { Room, TRelayedEventName, TRoomEvents, TRoomSpread } from "../Room";
import type { TRosterEventName } from "../Roster";
import { SignalingError } from "../SignalingError";
import type { NodeRequests } from "./NodeRequests";
import { safeJson } from "./NodeRequests";
import { pipeIn, type PipeServer } from "./PipeLinks";
import { recordingLeftBehind, RoomRecordingState } from "./RoomRecordingState";
import type { Subscriptions } from "./Subscriptions";

/** What every room's link shares on this node (MediaCluster makes it). */
export type TClusterContext = {
  nodeId: string;
  /** The start of this node's current run (its record's startedAt). */
  startedAt: number;
  internalIp: string;
  redis: Redis;
  subscriptions: Subscriptions;
  requests: NodeRequests;
  placement: RoomPlacement;
  pipeServer: PipeServer;
  log: (message: string) => void;
};

const ZBusMessageSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("event"), from: z.string(), since: z.number(), event: z.string(), data: z.unknown() }),
  /**
   * A quiet student's join, change or departure (Roster.ts): listed and counted on every node, told
   * to no one. A kind of its own, so a node of an older version ignores it instead of announcing it.
   */
  z.object({
    kind: z.literal("quiet"),
    from: z.string(),
    since: z.number(),
    event: z.enum(["peerJoined", "peerUpdated", "peerLeft"]),
    data: z.unknown(),
  }),
  /** The host ended the meeting on one node: it ends on all. */
  z.object({ kind: z.literal("ended"), from: z.string() }),
  /** The room closed on that node; pipes toward it can close. */
  z.object({ kind: z.literal("left"), from: z.string() }),
]);
type TBusMessage = z.infer<typeof ZBusMessageSchema>;
/** An event of this node's part of the room, for the other nodes. */
type TOutgoing =
  | { kind: "event"; event: TRelayedEventName; data: TSignalingEvent<TRelayedEventName> }
  | { kind: "quiet"; event: TRosterEventName; data: TSignalingEvent<TRosterEventName> };

/**
 * `since`: the run of the node that wrote it; an entry of an earlier run is stale. `announced`: told
 * to everyone, else a quiet student. An entry without it, of an older version, is skipped.
 */
const ZRosterPeerSchema = z.object({ node: z.string(), since: z.number(), announced: z.boolean(), peer: ZPeerInfoSchema });
const ZRosterProducerSchema = z.object({ node: z.string(), since: z.number(), producer: ZProducerInfoSchema });
type TRosterPeer = z.infer<typeof ZRosterPeerSchema>;
type TRosterProducer = z.infer<typeof ZRosterProducerSchema>;
type TRoomCloseReason = TRoomEvents["close"][0];
/** Live nodes: id → the start of their current run. */
export type TLiveNodes = ReadonlyMap<string, number>;
/** A room's roster hashes in Redis expire this long after their last change. */
const ROSTER_TTL_MS = 24 * 3600_000;

/**
 * This node's part of a room spread over several nodes. It publishes the room's events for the
 * other nodes and delivers theirs, keeps the room's peers and producers on every node (mirrored in
 * Redis hashes so a node that opens the room later sees them), pipes other nodes' producers in when
 * someone here consumes them, and, on the room's home node, pipes them all in so the recorder and
 * the active speaker see the whole room. The home keeps the room's recording state in Redis too: a
 * node that opens the room later shows it, and a node that takes over a home that died recording
 * has the recording go on.
 */
export class RoomLink implements TRoomSpread {
  readonly #ctx: TClusterContext;
  readonly #room: Room;
  readonly #peers = new Map<string, TRosterPeer>();
  readonly #producers = new Map<string, TRosterProducer>();
  readonly #piped = new Map<string, Promise<types.Producer<TProducerAppData> | undefined>>();
  readonly #recording: RoomRecordingState;
  #homeId: string | null = null;
  /** The nodes as the last sync saw them (id → start of their run). */
  #known = new Map<string, number>();
  #closed = false;

  private constructor(ctx: TClusterContext, room: Room) {
    this.#ctx = ctx;
    this.#room = room;
    this.#recording = new RoomRecordingState(ctx.redis, room.id, { node: ctx.nodeId, since: ctx.startedAt });
  }

  static async open(ctx: TClusterContext, room: Room, live: TLiveNodes): Promise<RoomLink> {
    const link = new RoomLink(ctx, room);
    // Subscribe before reading the roster, so nothing published in between is missed.
    await ctx.subscriptions.on(mediaNodeKeys.roomEvents(room.id), (message) => link.#onMessage(message));
    room.attachSpread(link);
    room.on("relay", (event, data) => link.#publish({ kind: "event", event, data }));
    room.on("quiet", (event, data) => link.#publish({ kind: "quiet", event, data }));
    room.once("close", (reason) => void link.#close(reason));
    await link.sync(live);
    if (!link.isHome()) await link.#showHomeRecording();
    return link;
  }

  /** A room opened here after its home started recording: its peers here see the indicator too. */
  async #showHomeRecording(): Promise<void> {
    const entry = await this.#recording.load();
    if (entry && entry.node === this.#homeId && entry.recording.active) this.#room.deliver("recordingStateChanged", { recording: entry.recording });
  }

  /** What the live nodes in `from` wrote to the room's roster and this node does not know yet. */
  async #load(live: TLiveNodes, from: ReadonlySet<string>): Promise<void> {
    const { redis } = this.#ctx;
    const [peers, producers] = await Promise.all([redis.hgetall(mediaNodeKeys.roomPeers(this.#room.id)), redis.hgetall(mediaNodeKeys.roomProducers(this.#room.id))]);
    const current = (entry: { node: string; since: number }) => from.has(entry.node) && live.get(entry.node) === entry.since;
    for (const json of Object.values(peers)) {
      const entry = ZRosterPeerSchema.safeParse(safeJson(json));
      if (!entry.success || !current(entry.data) || this.#peers.has(entry.data.peer.peerId)) continue;
      this.#peers.set(entry.data.peer.peerId, entry.data);
      if (entry.data.announced) this.#room.deliver("peerJoined", { peer: entry.data.peer });
    }
    this.#room.remotePeersChanged();
    for (const json of Object.values(producers)) {
      const entry = ZRosterProducerSchema.safeParse(safeJson(json));
      if (!entry.success || !current(entry.data) || this.#producers.has(entry.data.producer.producerId)) continue;
      this.#producers.set(entry.data.producer.producerId, entry.data);
      this.#room.deliver("producerAdded", { producer: entry.data.producer });
      if (this.isHome()) void this.bring(entry.data.producer.producerId);
    }
  }

  remotePeers(): TPeerInfo[] {
    return [...this.#peers.values()].map((entry) => entry.peer);
  }

  announcedRemotePeers(): TPeerInfo[] {
    return [...this.#peers.values()].filter((entry) => entry.announced).map((entry) => entry.peer);
  }

  remoteProducers(): TProducerInfo[] {
    return [...this.#producers.values()].map((entry) => entry.producer);
  }

  isHome(): boolean {
    return this.#homeId === this.#ctx.nodeId;
  }

  get homeId(): string | null {
    return this.#homeId;
  }

  bring(producerId: string): Promise<types.Producer<TProducerAppData> | undefined> {
    const owner = this.#producers.get(producerId);
    if (!owner) return Promise.resolve(undefined);
    let piped = this.#piped.get(producerId);
    if (!piped) {
      piped = pipeIn(this.#room.router, this.#ctx.internalIp, producerId, (params) => this.#ctx.requests.ask(owner.node, "openPipe", params), this.#room.id).then(
        async (producer) => {
          producer.observer.once("close", () => this.#piped.delete(producerId));
          // Closed or gone while the pipe was being made.
          if (this.#closed || !this.#producers.has(producerId)) {
            producer.close();
            return undefined;
          }
          await this.#room.adoptPiped(producer);
          return producer;
        },
        (error: Error) => {
          this.#piped.delete(producerId);
          this.#ctx.log(`room ${this.#room.id}: could not pipe producer ${producerId} from ${owner.node}: ${error.message}`);
          return undefined;
        },
      );
      this.#piped.set(producerId, piped);
    }
    return piped;
  }

  async actOnRemotePeer(actor: THostActor, peerId: string, action: THostAction): Promise<Record<string, unknown>> {
    const owner = this.#peers.get(peerId)?.node;
    // A peer this node has not heard of yet (its join still on its way, or a node of an older version's quiet student): each node is asked.
    const nodes = owner ? [owner] : [...this.#known.keys()].filter((node) => node !== this.#ctx.nodeId);
    for (const node of nodes) {
      try {
        return (await this.#ctx.requests.ask(node, "hostAction", { roomId: this.#room.id, peerId, actor, action })) as Record<string, unknown>;
      } catch (error) {
        if (!(error instanceof SignalingError && error.code === "PEER_NOT_FOUND")) throw error;
      }
    }
    throw new SignalingError("PEER_NOT_FOUND");
  }

  async rollCallOnHome(step: TRollCallStep): Promise<{ rollCall: TRollCall }> {
    if (!this.#homeId) throw new SignalingError("ROLL_CALL_NOT_ACTIVE");
    return z.object({ rollCall: ZRollCallSchema }).parse(await this.#ctx.requests.ask(this.#homeId, "rollCall", { roomId: this.#room.id, step }));
  }

  async recordOnHome(action: "start" | "stop"): Promise<TRoomRecording> {
    if (!this.#homeId) throw new SignalingError("RECORDING_UNAVAILABLE");
    return ZRoomRecordingSchema.parse(await this.#ctx.requests.ask(this.#homeId, "recording", { roomId: this.#room.id, action }));
  }

  async muteRemotePeers(actor: THostActor): Promise<number> {
    const nodes = new Set([...this.#peers.values()].map((entry) => entry.node));
    const answers = await Promise.all(
      [...nodes].map((node) => this.#ctx.requests.ask(node, "muteAll", { roomId: this.#room.id, actor }).catch(() => ({ muted: 0 }))),
    );
    return answers.reduce<number>((sum, answer) => sum + ((answer as { muted?: number }).muted ?? 0), 0);
  }

  /**
   * At every heartbeat: forgets what dead nodes had (their peers leave, their producers close), and
   * takes the room's home over when its home died.
   */
  async sync(live: TLiveNodes): Promise<void> {
    if (this.#closed) return;
    this.#forget((entry) => live.get(entry.node) !== entry.since);
    // A node seen for the first time, or back after it was taken for dead: what it has in the room.
    const arrived = new Set([...live].filter(([id, since]) => id !== this.#ctx.nodeId && this.#known.get(id) !== since).map(([id]) => id));
    this.#known = new Map(live);
    if (arrived.size > 0) await this.#load(live, arrived);
    const wasHome = this.isHome();
    this.#homeId = await this.#ctx.placement.claimHome(this.#room.id, this.#ctx.nodeId, [...live.keys()]);
    if (this.isHome() && !wasHome) {
      for (const producerId of this.#producers.keys()) void this.bring(producerId);
      await this.#takeOverRecording(live);
    } else if (this.isHome() && this.#room.recording.active) await this.#recording.keep();
  }

  /**
   * This node just became the room's home (it took over a dead home, or its peers came back to it
   * after the node that held the room died): a recording the old home was making goes on here.
   */
  async #takeOverRecording(live: TLiveNodes): Promise<void> {
    const left = recordingLeftBehind(await this.#recording.load(), live);
    if (!left) return;
    this.#ctx.log(`room ${this.#room.id}: its home died while recording ${left.recordingId}; recording goes on here`);
    this.#room.adoptRecording(left);
  }

  /**
   * The peers and producers of nodes that died or left the room: gone for this node's peers too.
   * Their entries stay in Redis (a node taken for dead by mistake may be back); readers skip them.
   */
  #forget(gone: (entry: { node: string; since: number }) => boolean): void {
    let forgotPeers = false;
    for (const [producerId, entry] of [...this.#producers]) {
      if (!gone(entry)) continue;
      this.#dropProducer(producerId);
      this.#room.deliver("producerClosed", { producerId, peerId: entry.producer.peerId });
    }
    for (const [peerId, entry] of [...this.#peers]) {
      if (!gone(entry)) continue;
      this.#peers.delete(peerId);
      forgotPeers = true;
      if (entry.announced) this.#room.deliver("peerLeft", { peerId });
    }
    if (forgotPeers) this.#room.remotePeersChanged();
  }

  #dropProducer(producerId: string): void {
    this.#producers.delete(producerId);
    const piped = this.#piped.get(producerId);
    this.#piped.delete(producerId);
    void piped?.then((producer) => producer?.close());
  }

  #publish(outgoing: TOutgoing): void {
    const { redis, nodeId, startedAt } = this.#ctx;
    const roomId = this.#room.id;
    const { event, data } = outgoing;
    const peersKey = mediaNodeKeys.roomPeers(roomId);
    const producersKey = mediaNodeKeys.roomProducers(roomId);
    const roster = (key: string, write: Promise<unknown>) => write.then(() => redis.pexpire(key, ROSTER_TTL_MS));
    const written = (() => {
      switch (event) {
        case "peerJoined":
        case "peerUpdated": {
          const { peer } = data as TSignalingEvent<"peerJoined">;
          const entry: TRosterPeer = { node: nodeId, since: startedAt, announced: outgoing.kind === "event", peer };
          return roster(peersKey, redis.hset(peersKey, peer.peerId, JSON.stringify(entry)));
        }
        case "peerLeft":
          return roster(peersKey, redis.hdel(peersKey, (data as TSignalingEvent<"peerLeft">).peerId));
        case "producerAdded":
        case "producerUpdated": {
          const { producer } = data as TSignalingEvent<"producerAdded">;
          // A piped producer's pause is its owner's to announce.
          if (this.#producers.has(producer.producerId)) return null;
          return roster(producersKey, redis.hset(producersKey, producer.producerId, JSON.stringify({ node: nodeId, since: startedAt, producer })));
        }
        case "producerClosed":
          return roster(producersKey, redis.hdel(producersKey, (data as TSignalingEvent<"producerClosed">).producerId));
        case "recordingStateChanged":
          // Only the home's, and not once the room closed here: a recording suspended by a shutdown is
          // still the room's, for the node that takes the room over.
          return this.isHome() && !this.#closed ? this.#recording.save((data as TSignalingEvent<"recordingStateChanged">).recording) : null;
        default:
          return null;
      }
    })();
    const message: TBusMessage = { ...outgoing, from: nodeId, since: startedAt };
    // Redis is written before the event goes out, so a node that reads it on the event finds it.
    void Promise.resolve(written)
      .then(() => redis.publish(mediaNodeKeys.roomEvents(roomId), JSON.stringify(message)))
      .catch((error: Error) => this.#ctx.log(`room ${roomId}: could not publish ${event}: ${error.message}`));
  }

  #onMessage(text: string): void {
    const parsed = ZBusMessageSchema.safeParse(safeJson(text));
    if (!parsed.success || parsed.data.from === this.#ctx.nodeId || this.#closed) return;
    const message = parsed.data;
    if (message.kind === "ended") return this.#room.close("ended");
    if (message.kind === "left") {
      this.#ctx.pipeServer.closeWhere((pipe) => pipe.node === message.from && pipe.roomId === this.#room.id);
      return this.#forget((entry) => entry.node === message.from);
    }
    if (message.kind === "quiet") {
      const data = signalingEvents[message.event].safeParse(message.data);
      if (data.success) this.#apply(message.from, message.since, message.event, data.data as TSignalingEvent<TRosterEventName>, false);
      return;
    }
    // A node of an older version still relays its own head count, which is not the room's.
    if (!(message.event in signalingEvents) || message.event === "peerCount") return;
    const event = message.event as TRelayedEventName;
    const data = signalingEvents[event].safeParse(message.data);
    if (!data.success) return;
    this.#apply(message.from, message.since, event, data.data as TSignalingEvent<TRelayedEventName>, true);
    this.#room.deliver(event, data.data as TSignalingEvent<TRelayedEventName>);
  }

  /**
   * Keeps the roster of the other nodes, and the pipes from them, in step with their events.
   * `announced`: false for a quiet student's, which is listed and counted here but told to no one.
   */
  #apply(node: string, since: number, event: TRelayedEventName, data: TSignalingEvent<TRelayedEventName>, announced: boolean): void {
    switch (event) {
      case "peerJoined":
      case "peerUpdated": {
        const { peer } = data as TSignalingEvent<"peerJoined">;
        this.#peers.set(peer.peerId, { node, since, announced, peer });
        this.#room.remotePeersChanged();
        break;
      }
      case "peerLeft":
        this.#peers.delete((data as TSignalingEvent<"peerLeft">).peerId);
        this.#room.remotePeersChanged();
        break;
      case "producerAdded": {
        const { producer } = data as TSignalingEvent<"producerAdded">;
        this.#producers.set(producer.producerId, { node, since, producer });
        if (this.isHome()) void this.bring(producer.producerId);
        break;
      }
      case "producerUpdated": {
        const { producer } = data as TSignalingEvent<"producerUpdated">;
        this.#producers.set(producer.producerId, { node, since, producer });
        void this.#piped.get(producer.producerId)?.then((piped) => (producer.paused ? piped?.pause() : piped?.resume()));
        break;
      }
      case "producerClosed":
        this.#dropProducer((data as TSignalingEvent<"producerClosed">).producerId);
        break;
      default:
        break;
    }
  }

  async #close(reason: TRoomCloseReason): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const { redis, nodeId, subscriptions } = this.#ctx;
    const roomId = this.#room.id;
    const ended = reason === "ended";
    for (const producerId of [...this.#producers.keys()]) this.#dropProducer(producerId);
    this.#ctx.pipeServer.closeWhere((pipe) => pipe.roomId === roomId);
    await this.#removeOwnEntries().catch(() => {});
    // Ended, or empty on every node: the recording stops with the room, and no node may take it over.
    if (this.isHome() && (ended || reason === "empty")) await this.#recording.drop().catch(() => {});
    const message: TBusMessage = ended ? { kind: "ended", from: nodeId } : { kind: "left", from: nodeId };
    await Promise.all([
      redis.publish(mediaNodeKeys.roomEvents(roomId), JSON.stringify(message)),
      subscriptions.off(mediaNodeKeys.roomEvents(roomId)),
    ]).catch((error: Error) => this.#ctx.log(`room ${roomId}: leaving the other nodes: ${error.message}`));
  }

  /** A room closed here with peers in it (shutdown, a dead worker) announced no one leaving. */
  async #removeOwnEntries(): Promise<void> {
    const { redis, nodeId } = this.#ctx;
    for (const key of [mediaNodeKeys.roomPeers(this.#room.id), mediaNodeKeys.roomProducers(this.#room.id)]) {
      const own = Object.entries(await redis.hgetall(key))
        .filter(([, json]) => (safeJson(json) as { node?: string } | undefined)?.node === nodeId)
        .map(([field]) => field);
      if (own.length > 0) await redis.hdel(key, ...own);
    }
  }
}

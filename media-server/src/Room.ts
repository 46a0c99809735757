import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { parseScalabilityMode, type types } from "mediasoup";
import {
  AUDIO_SLOTS,
  NOT_RECORDING,
  type TChatMessage,
  type TJoinTokenClaims,
  type TMediaSource,
  type TMeetingRole,
  type TPeerInfo,
  type TProducerInfo,
  type TRollCall,
  type TRoomRecording,
  type TRoomState,
  type TSignalingEvent,
  type TSignalingEventName,
} from "@diemcau/protocol";
import { applyHostAction, type THostAction, type THostActor } from "./host-actions";
import type { TRecordedProducer, TRecorderSource, TRecorderSourceListeners } from "./Recorder";
import { iceServersFor, type TIceConfig, type TIceServer } from "./turn-credentials";
import { chooseSpatialLayer } from "./layers";
import { selectForwarded, SpeakerOrder } from "./LastN";
import { Peer, type TConsumerAppData, type TPeerChannel, type TProducerAppData, type TTransportAppData } from "./Peer";
import { RollCall, type TRollCallStep } from "./RollCall";
import { RoomRouters } from "./RoomRouters";
import { Roster, type TPeerPage, type TRosterEventName } from "./Roster";
import { SignalingError } from "./SignalingError";

/** Codecs every room routes: Opus, and VP8 (simulcast) plus H264 for hardware-decoding clients. */
export const ROOM_MEDIA_CODECS: types.RtpCodecCapability[] = [
  { kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2 },
  { kind: "video", mimeType: "video/VP8", clockRate: 90000, parameters: { "x-google-start-bitrate": 1000 } },
  {
    kind: "video",
    mimeType: "video/H264",
    clockRate: 90000,
    parameters: { "packetization-mode": 1, "profile-level-id": "42e01f", "level-asymmetry-allowed": 1 },
  },
];

/** Chat kept in memory for the recording; older lines are dropped past this. */
const CHAT_LOG_LIMIT = 5000;
/** Chat lines sent to a peer when it joins. */
const CHAT_ON_JOIN = 200;

/** What one room and one peer may hold; each refusal has its own code. */
export type TRoomLimits = {
  peersPerRoom: number;
  transportsPerPeer: number;
  producersPerPeer: number;
  consumersPerPeer: number;
};

export type TRoomOptions = {
  id: string;
  limits: TRoomLimits;
  router: types.Router;
  /** The room's routers on the other cores; without it, everything runs on `router`. */
  routers?: RoomRouters;
  listenIp: { ip: string; announcedIp?: string };
  ice: TIceConfig;
  emptyGraceMs: number;
};

/**
 * A room spread over several media-server nodes: what this node's part of it learns from the others
 * (cluster/RoomLink implements it). Without one, the room is whole on this node.
 */
export type TRoomSpread = {
  /** Peers on the other nodes, quiet students included (the list and the head count). */
  remotePeers(): TPeerInfo[];
  /** Those of them announced to everyone (the room state). */
  announcedRemotePeers(): TPeerInfo[];
  remoteProducers(): TProducerInfo[];
  /** A producer of another node piped into this room's router (once, however many consume it); undefined if no node has it. */
  bring(producerId: string): Promise<types.Producer<TProducerAppData> | undefined>;
  /** The room-wide state (active speaker, recording) is decided on the room's home node. */
  isHome(): boolean;
  /** A host's action on a peer of another node, run there; PEER_NOT_FOUND when no node has it. */
  actOnRemotePeer(actor: THostActor, peerId: string, action: THostAction): Promise<Record<string, unknown>>;
  /** Mutes every peer on the other nodes but the host; how many were muted. */
  muteRemotePeers(actor: THostActor): Promise<number>;
  /** A roll call step taken on the home node, which keeps the roll call; its answer. */
  rollCallOnHome(step: TRollCallStep): Promise<{ rollCall: TRollCall }>;
  /** Has the home node start or stop the room's recording; its answer. */
  recordOnHome(action: "start" | "stop"): Promise<TRoomRecording>;
};

export type TRoomEvents = {
  /** reason: "empty" after the grace period, "ended" by the host, "workerclose" when its worker died. */
  close: [reason: "empty" | "ended" | "workerclose" | "shutdown"];
  chat: [TChatMessage];
  /** Membership, for attendance: every peerJoined is followed by one peerLeft (also when the room closes). */
  peerJoined: [Peer];
  peerLeft: [Peer];
  /** The host removed this peer (it leaves too). */
  peerRemoved: [Peer];
  /** For the recorder: a producer was added or closed (pausing is not a change). */
  producersChanged: [];
  activeSpeakerChanged: [peerId: string | null];
  /** This node took the room over from a home node that died while recording: the recording goes on here (Recorders). */
  recordingAdopted: [previous: TRoomRecording];
  /** Every event the room sends all its peers, for the room's other nodes. */
  relay: [event: TRelayedEventName, data: TSignalingEvent<TRelayedEventName>];
  /** A quiet student's join, change or departure, for the room's other nodes only (Roster.ts). */
  quiet: [event: TRosterEventName, data: TSignalingEvent<TRosterEventName>];
};

/**
 * Room-wide events, which a spread room's other nodes receive too. Not the head count: each node
 * counts the whole room itself.
 */
export type TRelayedEventName = Exclude<TSignalingEventName, "sessionEnded" | "mutedByHost" | `consumer${string}` | "producerScore" | "peerCount">;

/**
 * One meeting: its router, peers and meeting state. Socket handlers call these methods; the room
 * enforces who may do what and tells peers through their channels.
 */
export class Room extends EventEmitter<TRoomEvents> implements TRecorderSource {
  readonly id: string;
  readonly router: types.Router;
  readonly peers = new Map<string, Peer>();
  readonly chatLog: TChatMessage[] = [];
  locked = false;
  activeSpeakerPeerId: string | null = null;
  recording: TRoomRecording = NOT_RECORDING;
  readonly #listenIp: TRoomOptions["listenIp"];
  readonly #ice: TIceConfig;
  readonly #emptyGraceMs: number;
  readonly #limits: TRoomLimits;
  readonly #routers: RoomRouters;
  readonly #removedUserIds = new Set<string>();
  /** Students who have the floor, by account: a reconnect (a new peer) keeps it. */
  readonly #speakingUserIds = new Set<string>();
  readonly #roster: Roster;
  readonly #speakers = new SpeakerOrder();
  /** Each consumer's pause/resume calls run one after another, so the last wish is the one that holds. */
  readonly #consumerUpdates = new WeakMap<types.Consumer, Promise<void>>();
  #activeSpeakerObserver!: types.ActiveSpeakerObserver;
  #rollCall: RollCall | null = null;
  /** A spread room's roll call as the home node last published it. */
  #homeRollCall: TRollCall | null = null;
  #spread: TRoomSpread | null = null;
  /** Producers piped in from the room's other nodes, for the recorder and the active speaker. */
  readonly #piped = new Map<string, types.Producer<TProducerAppData>>();
  #emptyTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(options: TRoomOptions) {
    super();
    this.id = options.id;
    this.router = options.router;
    this.#routers = options.routers ?? new RoomRouters(options.router);
    this.#listenIp = options.listenIp;
    this.#ice = options.ice;
    this.#emptyGraceMs = options.emptyGraceMs;
    this.#limits = options.limits;
    this.#roster = new Roster(this.peers, {
      broadcast: (event, data, except) => this.#broadcast(event, data, except),
      quiet: (event, data) => this.emit("quiet", event, data),
      remotePeers: () => this.#spread?.remotePeers() ?? [],
    });
  }

  static async create(options: TRoomOptions): Promise<Room> {
    const room = new Room(options);
    room.#activeSpeakerObserver = await options.router.createActiveSpeakerObserver({ interval: 300 });
    room.#activeSpeakerObserver.on("dominantspeaker", ({ producer }) => {
      const peerId = (producer.appData as TProducerAppData).peerId;
      if (peerId === room.activeSpeakerPeerId || !room.isHome) return;
      room.activeSpeakerPeerId = peerId;
      room.#broadcast("activeSpeaker", { peerId });
      room.emit("activeSpeakerChanged", peerId);
      room.#speakers.spoke(peerId);
      void room.#refreshForwarding();
    });
    options.router.once("workerclose", () => room.close("workerclose"));
    room.#scheduleCloseIfEmpty();
    return room;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether room-wide state (the recorder, the active speaker) is kept here: always, unless the room is spread and another node is its home. */
  get isHome(): boolean {
    return !this.#spread || this.#spread.isHome();
  }

  /** The recording runs on the home node; from another node, a host's start or stop goes there. */
  recordOnHome(action: "start" | "stop"): Promise<TRoomRecording> {
    if (!this.#spread) throw new Error("recordOnHome: the room is not spread over nodes");
    return this.#spread.recordOnHome(action);
  }

  /** This node became the room's home after the node recording it (`previous`) died (cluster/RoomLink). */
  adoptRecording(previous: TRoomRecording): void {
    this.emit("recordingAdopted", previous);
  }

  attachSpread(spread: TRoomSpread): void {
    this.#spread = spread;
  }

  /**
   * A producer piped in from another node: recorded and heard by the active-speaker observer like
   * the room's own, until it closes.
   */
  async adoptPiped(producer: types.Producer<TProducerAppData>): Promise<void> {
    this.#piped.set(producer.id, producer);
    producer.observer.once("close", () => {
      this.#piped.delete(producer.id);
      this.emit("producersChanged");
    });
    if (producer.kind === "audio") await this.#activeSpeakerObserver.addProducer({ producerId: producer.id }).catch(() => {});
    this.emit("producersChanged");
  }

  /** A room-wide event from one of the room's other nodes: kept in the room's state and told to its peers here. */
  deliver<N extends TRelayedEventName>(event: N, data: TSignalingEvent<N>): void {
    if (event === "chatMessage") {
      const { message } = data as TSignalingEvent<"chatMessage">;
      this.chatLog.push(message);
      if (this.chatLog.length > CHAT_LOG_LIMIT) this.chatLog.shift();
      this.emit("chat", message);
    } else if (event === "activeSpeaker") {
      this.activeSpeakerPeerId = (data as TSignalingEvent<"activeSpeaker">).peerId;
      this.emit("activeSpeakerChanged", this.activeSpeakerPeerId);
    } else if (event === "roomUpdated") this.locked = (data as TSignalingEvent<"roomUpdated">).locked;
    else if (event === "recordingStateChanged") this.recording = (data as TSignalingEvent<"recordingStateChanged">).recording;
    else if (event === "rollCallUpdated") this.#homeRollCall = (data as TSignalingEvent<"rollCallUpdated">).rollCall;
    for (const peer of this.peers.values()) peer.notify(event, data);
  }

  /** The peers of the room's other nodes changed, quiet students' too: the list and the head count follow. */
  remotePeersChanged(): void {
    this.#roster.remoteChanged();
    this.#scheduleCloseIfEmpty();
  }

  /** ICE servers for this peer, with its own short-lived TURN credential. */
  iceServersFor(peer: Peer): TIceServer[] {
    return iceServersFor(this.#ice, { userId: peer.userId, room: this.id });
  }

  /** The room as `viewer` sees it on joining: the announced peers and itself (Roster.ts). */
  state(viewer?: Peer): TRoomState {
    return {
      roomId: this.id,
      locked: this.locked,
      activeSpeakerPeerId: this.activeSpeakerPeerId,
      peers: [...this.#roster.visibleTo(viewer), ...(this.#spread?.announcedRemotePeers() ?? [])],
      peerCount: this.#roster.count(),
      producers: this.#allProducerInfos(),
      chat: this.chatLog.slice(-CHAT_ON_JOIN),
      rollCall: this.#rollCall?.view() ?? this.#homeRollCall,
      recording: this.recording,
    };
  }

  /** Every producer of the room, for the recorder. */
  recordedProducers(): TRecordedProducer[] {
    const own = [...this.peers.values()].flatMap((peer) => [...peer.producers.values()]);
    return [...own, ...this.#piped.values()].map((producer) => ({ producer, peerId: producer.appData.peerId, source: producer.appData.source }));
  }

  subscribe(listeners: TRecorderSourceListeners): () => void {
    this.on("producersChanged", listeners.producersChanged);
    this.on("activeSpeakerChanged", listeners.activeSpeakerChanged);
    return () => {
      this.off("producersChanged", listeners.producersChanged);
      this.off("activeSpeakerChanged", listeners.activeSpeakerChanged);
    };
  }

  /** Shows every peer the recording indicator. */
  setRecording(recording: TRoomRecording): void {
    this.recording = recording;
    this.#broadcast("recordingStateChanged", { recording });
  }

  // ── membership ────────────────────────────────────────────────────────────

  join(claims: TJoinTokenClaims, rtpCapabilities: types.RtpCapabilities, audioOnly: boolean, channel: TPeerChannel): Peer {
    if (this.#closed) throw new SignalingError("ROOM_CLOSED");
    if (this.#removedUserIds.has(claims.userId)) throw new SignalingError("REMOVED");
    if (this.locked && claims.role !== "HOST") throw new SignalingError("ROOM_LOCKED");
    // The same account joining again (a reload, a reconnect the server has not noticed yet) replaces its old session.
    for (const other of this.peers.values()) {
      if (other.userId !== claims.userId) continue;
      other.notify("sessionEnded", { reason: "REPLACED", message: "Bạn đã vào cuộc họp từ một cửa sổ khác." });
      this.leave(other);
      other.channel.disconnect();
    }
    // The scheduled host is never kept out of their own meeting.
    if (this.peers.size >= this.#limits.peersPerRoom && claims.role !== "HOST") throw new SignalingError("ROOM_FULL");
    clearTimeout(this.#emptyTimer);
    const peer = new Peer(claims, rtpCapabilities, audioOnly, channel);
    peer.speakGranted = this.#speakingUserIds.has(peer.userId);
    this.peers.set(peer.id, peer);
    this.#speakers.joined(peer.id, { front: claims.role === "HOST" });
    this.#roster.joined(peer);
    this.emit("peerJoined", peer);
    return peer;
  }

  /** Closes everything the peer opened; safe to call twice. */
  leave(peer: Peer): void {
    if (this.peers.get(peer.id) !== peer) return;
    this.peers.delete(peer.id);
    peer.close();
    this.#routers.forgetPeer(peer.id);
    this.emit("peerLeft", peer);
    if (this.activeSpeakerPeerId === peer.id) {
      this.activeSpeakerPeerId = null;
      this.#broadcast("activeSpeaker", { peerId: null });
    }
    this.#speakers.left(peer.id);
    this.#roster.left(peer);
    this.#scheduleCloseIfEmpty();
  }

  // ── transports ────────────────────────────────────────────────────────────

  /** `replacing`: the new transport closes one the peer has, which then does not count. */
  #checkTransportLimit(peer: Peer, replacing: boolean): void {
    if (peer.transports.size - (replacing ? 1 : 0) >= this.#limits.transportsPerPeer) throw new SignalingError("TOO_MANY_TRANSPORTS");
  }

  async createTransport(peer: Peer, direction: "send" | "recv") {
    this.#checkTransportLimit(peer, peer.transportOf(direction) !== undefined);
    // One transport per direction: a client that recreates one after a failure replaces it.
    peer.transportOf(direction)?.close();
    const router = await this.#routers.routerFor(peer.id);
    const transport = await router.createWebRtcTransport<TTransportAppData>({
      listenIps: [this.#listenIp],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { peerId: peer.id, direction },
    });
    if (peer.closed) {
      transport.close();
      throw new SignalingError("NOT_JOINED");
    }
    peer.transports.set(transport.id, transport);
    transport.observer.once("close", () => peer.transports.delete(transport.id));
    if (direction === "recv") {
      await transport.enableTraceEvent(["bwe"]);
      transport.on("trace", (trace) => {
        if (trace.type !== "bwe") return;
        const info = trace.info as { availableBitrate?: number };
        if (typeof info.availableBitrate !== "number") return;
        peer.availableBitrate = info.availableBitrate;
        this.#applyLayers(peer);
      });
    }
    return {
      transportId: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
      iceServers: this.iceServersFor(peer),
    };
  }

  /**
   * A plain RTP transport registered on the peer like a WebRTC one, so the peer produces and
   * consumes on it through the same methods: for light synthetic clients that speak no ICE or
   * DTLS (the SFU load bench feeds it pre-encoded media with ffmpeg). The caller connects it.
   */
  async createPlainTransport(
    peer: Peer,
    direction: "send" | "recv",
    options: types.PlainTransportOptions,
  ): Promise<types.PlainTransport<TTransportAppData>> {
    this.#checkTransportLimit(peer, false);
    const router = await this.#routers.routerFor(peer.id);
    const transport = await router.createPlainTransport<TTransportAppData>({ ...options, appData: { peerId: peer.id, direction } });
    if (peer.closed) {
      transport.close();
      throw new SignalingError("NOT_JOINED");
    }
    peer.transports.set(transport.id, transport);
    transport.observer.once("close", () => peer.transports.delete(transport.id));
    return transport;
  }

  async connectTransport(peer: Peer, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.#webRtcTransport(peer, transportId).connect({ dtlsParameters });
  }

  /** New ICE credentials, and fresh TURN ones: the old may have expired during a long meeting. */
  async restartIce(peer: Peer, transportId: string) {
    return { iceParameters: await this.#webRtcTransport(peer, transportId).restartIce(), iceServers: this.iceServersFor(peer) };
  }

  async transportStats(peer: Peer, transportId: string) {
    const transport = this.#webRtcTransport(peer, transportId);
    const [stats] = await transport.getStats();
    return {
      availableOutgoingBitrate: stats?.availableOutgoingBitrate ?? null,
      recvBitrate: stats?.recvBitrate ?? null,
      sendBitrate: stats?.sendBitrate ?? null,
      iceState: transport.iceState,
      dtlsState: transport.dtlsState,
    };
  }

  // ── producers ─────────────────────────────────────────────────────────────

  async produce(
    peer: Peer,
    transportId: string,
    kind: types.MediaKind,
    source: TMediaSource,
    rtpParameters: types.RtpParameters,
  ): Promise<{ producerId: string }> {
    const transport = this.#transport(peer, transportId);
    if (transport.appData.direction !== "send") throw new SignalingError("BAD_REQUEST", "Kết nối này chỉ dùng để nhận.");
    if ((source === "mic") !== (kind === "audio") && source !== "screen")
      throw new SignalingError("BAD_REQUEST", "Loại luồng không khớp với nguồn.");
    if (source === "screen" && peer.role === "ATTENDEE")
      throw new SignalingError("FORBIDDEN", "Chỉ người chủ trì hoặc người trình bày được chia sẻ màn hình.");
    if (!peer.mayPublish(source)) throw new SignalingError("SPEAK_NOT_GRANTED");
    const replaced = [...peer.producers.values()].find((p) => p.appData.source === source && p.kind === kind);
    if (peer.producers.size - (replaced ? 1 : 0) >= this.#limits.producersPerPeer) throw new SignalingError("TOO_MANY_PRODUCERS");
    replaced?.close();

    const producer = await transport.produce<TProducerAppData>({ kind, rtpParameters, appData: { peerId: peer.id, source } });
    if (peer.closed) {
      producer.close();
      throw new SignalingError("NOT_JOINED");
    }
    peer.producers.set(producer.id, producer);
    this.#routers.addProducer(producer, await this.#routers.routerFor(peer.id));
    // The main router sees every producer: the recorder and the active-speaker observer are there.
    await this.#routers.ensure(producer.id, this.router);
    producer.observer.once("close", () => {
      peer.producers.delete(producer.id);
      this.#broadcast("producerClosed", { producerId: producer.id, peerId: peer.id });
      this.emit("producersChanged");
      void this.#refreshForwarding();
    });
    producer.on("score", (scores) => {
      const score = Math.min(...scores.map((s) => s.score));
      peer.notify("producerScore", { producerId: producer.id, score: Number.isFinite(score) ? score : 0 });
    });
    if (kind === "audio") await this.#activeSpeakerObserver.addProducer({ producerId: producer.id }).catch(() => {});
    if (!peer.announced) this.#roster.changed(peer);
    this.#broadcast("producerAdded", { producer: producerInfo(producer) }, peer);
    this.emit("producersChanged");
    await this.#refreshForwarding();
    return { producerId: producer.id };
  }

  closeProducer(peer: Peer, producerId: string): void {
    this.#producer(peer, producerId).close();
  }

  async pauseProducer(peer: Peer, producerId: string): Promise<void> {
    const producer = this.#producer(peer, producerId);
    await producer.pause();
    this.#broadcast("producerUpdated", { producer: producerInfo(producer) });
    await this.#refreshForwarding();
  }

  async resumeProducer(peer: Peer, producerId: string): Promise<void> {
    const producer = this.#producer(peer, producerId);
    if (!peer.mayPublish(producer.appData.source)) throw new SignalingError("SPEAK_NOT_GRANTED");
    await producer.resume();
    if (producer.appData.source === "mic") this.#speakers.spoke(peer.id);
    // Muted by the host, a participant may still unmute; the flag only says who muted last.
    if (producer.appData.source === "mic" && peer.mutedByHost) {
      peer.mutedByHost = false;
      this.#roster.changed(peer);
    }
    this.#broadcast("producerUpdated", { producer: producerInfo(producer) });
    await this.#refreshForwarding();
  }

  // ── consumers ─────────────────────────────────────────────────────────────

  async consume(peer: Peer, producerId: string) {
    const transport = peer.transportOf("recv");
    if (!transport) throw new SignalingError("NO_RECV_TRANSPORT");
    const owner = this.localProducer(producerId) ?? (await this.#spread?.bring(producerId));
    if (!owner) throw new SignalingError("PRODUCER_NOT_FOUND");
    if (owner.appData.peerId === peer.id) throw new SignalingError("CANNOT_CONSUME", "Không nhận lại luồng của chính mình.");
    // A second consumer of the same producer only doubles the worker's work for this peer.
    for (const existing of peer.consumers.values())
      if (existing.producerId === producerId) throw new SignalingError("ALREADY_CONSUMING");
    if (peer.consumers.size >= this.#limits.consumersPerPeer) throw new SignalingError("TOO_MANY_CONSUMERS");
    const router = await this.#routers.routerFor(peer.id);
    await this.#routers.ensure(producerId, router);
    if (!router.canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities }))
      throw new SignalingError("CANNOT_CONSUME");
    const producer = owner;
    const forwarded = this.#selectionFor(peer).has(producerId);
    const consumer = await transport.consume<TConsumerAppData>({
      producerId,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true,
      appData: {
        peerId: peer.id,
        producerPeerId: producer.appData.peerId,
        source: producer.appData.source,
        clientPaused: true,
        forwarded,
        renderedHeight: null,
      },
    });
    if (peer.closed) {
      consumer.close();
      throw new SignalingError("NOT_JOINED");
    }
    peer.consumers.set(consumer.id, consumer);
    consumer.observer.once("close", () => peer.consumers.delete(consumer.id));
    consumer.on("producerclose", () => peer.notify("consumerClosed", { consumerId: consumer.id }));
    consumer.on("producerpause", () => peer.notify("consumerPaused", { consumerId: consumer.id }));
    consumer.on("producerresume", () => peer.notify("consumerResumed", { consumerId: consumer.id }));
    consumer.on("layerschange", (layers) =>
      peer.notify("consumerLayersChanged", {
        consumerId: consumer.id,
        spatialLayer: layers?.spatialLayer ?? null,
        temporalLayer: layers?.temporalLayer ?? null,
      }),
    );
    consumer.on("score", (score) =>
      peer.notify("consumerScore", { consumerId: consumer.id, score: score.score, producerScore: score.producerScore }),
    );
    if (consumer.type === "simulcast") await this.#applyLayer(peer, consumer);
    return {
      consumerId: consumer.id,
      producerId,
      peerId: producer.appData.peerId,
      kind: consumer.kind,
      source: producer.appData.source,
      rtpParameters: consumer.rtpParameters,
      type: consumer.type,
      producerPaused: consumer.producerPaused,
      forwarded: consumer.appData.forwarded,
    };
  }

  async setConsumerPaused(peer: Peer, consumerId: string, paused: boolean): Promise<void> {
    const consumer = this.#consumer(peer, consumerId);
    consumer.appData.clientPaused = paused;
    await this.#applyConsumerState(peer, consumer);
  }

  closeConsumer(peer: Peer, consumerId: string): void {
    this.#consumer(peer, consumerId).close();
  }

  async setConsumerRenderedSize(peer: Peer, consumerId: string, height: number): Promise<{ spatialLayer: number }> {
    const consumer = this.#consumer(peer, consumerId);
    consumer.appData.renderedHeight = height;
    return { spatialLayer: await this.#applyLayer(peer, consumer) };
  }

  async setAudioOnly(peer: Peer, enabled: boolean): Promise<void> {
    peer.audioOnly = enabled;
    await Promise.all([...peer.consumers.values()].map((consumer) => this.#applyConsumerState(peer, consumer)));
    this.#roster.changed(peer);
  }

  /** Last-N: this peer shows the videos of its `slots` most recent speakers. */
  async setVideoSlots(peer: Peer, slots: number): Promise<void> {
    peer.videoSlots = slots;
    await this.#refreshForwardingOf(peer, this.#allProducerInfos());
  }

  listPeers(request: { query?: string; offset: number; limit: number }): TPeerPage {
    return this.#roster.list(request);
  }

  // ── hands, chat, roll call ───────────────────────────────────────────────

  raiseHand(peer: Peer, raised: boolean): void {
    if (raised === (peer.handRaisedAt !== null)) return;
    peer.handRaisedAt = raised ? new Date() : null;
    this.#roster.changed(peer);
  }

  sendChat(peer: Peer, text: string): { message: TChatMessage } {
    const message: TChatMessage = {
      id: randomUUID(),
      peerId: peer.id,
      userId: peer.userId,
      displayName: peer.displayName,
      text,
      sentAt: new Date().toISOString(),
    };
    this.chatLog.push(message);
    if (this.chatLog.length > CHAT_LOG_LIMIT) this.chatLog.shift();
    this.emit("chat", message);
    this.#broadcast("chatMessage", { message });
    return { message };
  }

  async answerRollCall(peer: Peer): Promise<{ rollCall: TRollCall }> {
    if (!peer.bridgePointId) throw new SignalingError("NOT_A_BRIDGE_POINT");
    return this.takeRollCallStep({ op: "answer", bridgePointId: peer.bridgePointId, displayName: peer.displayName });
  }

  /** Roll call steps run where the roll call is kept: here, or on a spread room's home node. */
  async takeRollCallStep(step: TRollCallStep): Promise<{ rollCall: TRollCall }> {
    if (!this.isHome) return this.#spread!.rollCallOnHome(step);
    switch (step.op) {
      case "start":
        this.#rollCall = new RollCall(step.expectedBridgePointIds, step.lateAfterSeconds ?? 60);
        break;
      case "answer":
        if (!this.#rollCall?.open) throw new SignalingError("ROLL_CALL_NOT_ACTIVE");
        this.#rollCall.answer(step.bridgePointId, step.displayName);
        break;
      case "end":
        if (!this.#rollCall?.open) throw new SignalingError("ROLL_CALL_NOT_ACTIVE");
        this.#rollCall.end();
        break;
    }
    return this.#publishRollCall();
  }

  // ── host controls ─────────────────────────────────────────────────────────

  async mutePeer(target: Peer): Promise<number> {
    const mics = [...target.producers.values()].filter((p) => p.appData.source === "mic" && !p.paused);
    for (const producer of mics) {
      await producer.pause();
      this.#broadcast("producerUpdated", { producer: producerInfo(producer) });
    }
    if (mics.length > 0) target.notify("mutedByHost", { source: "mic" });
    if (!target.mutedByHost) {
      target.mutedByHost = true;
      this.#roster.changed(target);
    }
    if (mics.length > 0) await this.#refreshForwarding();
    return mics.length;
  }

  /** The peers here; muteAll also asks the room's other nodes. */
  async muteLocalPeers(host: THostActor): Promise<number> {
    let muted = 0;
    for (const peer of [...this.peers.values()]) if (peer.id !== host.id) muted += (await this.mutePeer(peer)) > 0 ? 1 : 0;
    return muted;
  }

  async muteAll(host: THostActor): Promise<{ muted: number }> {
    const [here, elsewhere] = await Promise.all([this.muteLocalPeers(host), this.#spread?.muteRemotePeers(host) ?? 0]);
    return { muted: here + elsewhere };
  }

  /** A host's action on a peer here, or on another node of the room. */
  async actOnPeer(actor: THostActor, peerId: string, action: THostAction): Promise<Record<string, unknown>> {
    const target = this.peers.get(peerId);
    if (target) return applyHostAction(this, actor, target, action);
    if (!this.#spread) throw new SignalingError("PEER_NOT_FOUND");
    return this.#spread.actOnRemotePeer(actor, peerId, action);
  }

  async stopVideo(target: Peer): Promise<void> {
    await this.#pauseProducers(target, (producer) => producer.kind === "video");
  }

  /** Gives the floor to a peer that must ask to speak, and lowers its hand: it may unmute now. */
  grantSpeak(target: Peer): { peer: TPeerInfo } {
    target.speakGranted = true;
    this.#speakingUserIds.add(target.userId);
    target.handRaisedAt = null;
    this.#roster.changed(target);
    return { peer: target.info() };
  }

  /** Takes the floor back: the peer's microphone and camera pause, and it cannot resume them until granted again. */
  async revokeSpeak(target: Peer): Promise<{ peer: TPeerInfo }> {
    target.speakGranted = false;
    this.#speakingUserIds.delete(target.userId);
    this.#roster.changed(target);
    await this.#pauseProducers(target, (producer) => !target.mayPublish(producer.appData.source));
    return { peer: target.info() };
  }

  lowerHand(target: Peer): void {
    this.raiseHand(target, false);
  }

  /**
   * Only a scheduled host acts against another scheduled host, so a host promoted in the room
   * cannot take the meeting away from the one the schedule named.
   */
  #guardScheduledHost(actor: THostActor, target: Peer): void {
    if (target.scheduledHost && !actor.scheduledHost) throw new SignalingError("HOST_PROTECTED");
  }

  removePeer(actor: THostActor, target: Peer): void {
    if (target.id === actor.id) throw new SignalingError("BAD_REQUEST", "Không thể tự mời mình ra khỏi cuộc họp.");
    this.#guardScheduledHost(actor, target);
    this.#removedUserIds.add(target.userId);
    this.emit("peerRemoved", target);
    target.notify("sessionEnded", { reason: "REMOVED", code: "REMOVED", message: "Bạn đã bị người chủ trì mời ra khỏi cuộc họp." });
    this.leave(target);
    target.channel.disconnect();
  }

  async setRole(actor: THostActor, target: Peer, role: TMeetingRole): Promise<{ peer: TPeerInfo }> {
    if (role !== "HOST") this.#guardScheduledHost(actor, target);
    target.role = role;
    if (role === "ATTENDEE")
      for (const producer of [...target.producers.values()]) if (producer.appData.source === "screen") producer.close();
    this.#roster.changed(target);
    // A student demoted back without the floor goes quiet again.
    await this.#pauseProducers(target, (producer) => !target.mayPublish(producer.appData.source));
    return { peer: target.info() };
  }

  lock(locked: boolean): void {
    this.locked = locked;
    this.#broadcast("roomUpdated", { locked });
  }

  startRollCall(expectedBridgePointIds: string[], lateAfterSeconds?: number): Promise<{ rollCall: TRollCall }> {
    return this.takeRollCallStep({ op: "start", expectedBridgePointIds, ...(lateAfterSeconds !== undefined ? { lateAfterSeconds } : {}) });
  }

  endRollCall(): Promise<{ rollCall: TRollCall }> {
    return this.takeRollCallStep({ op: "end" });
  }

  /** A scheduled host ends the meeting for everyone, which keeps the room shut for a while. */
  end(actor: Peer): void {
    if (!actor.scheduledHost) throw new SignalingError("SCHEDULED_HOST_ONLY");
    this.close("ended");
  }

  close(reason: TRoomEvents["close"][0]): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#emptyTimer);
    this.#roster.close();
    const ended = reason === "ended";
    for (const peer of [...this.peers.values()]) {
      peer.notify("sessionEnded", {
        reason: ended ? "ROOM_ENDED" : "ROOM_CLOSED",
        code: ended ? "ROOM_ENDED" : "ROOM_CLOSED",
        message: ended ? "Người chủ trì đã kết thúc cuộc họp." : "Phòng họp đã đóng. Đang kết nối lại…",
      });
      peer.close();
      peer.channel.disconnect();
      this.emit("peerLeft", peer);
    }
    this.peers.clear();
    this.#routers.close();
    this.router.close();
    this.emit("close", reason);
  }

  // ── internals ─────────────────────────────────────────────────────────────

  peer(peerId: string): Peer {
    const peer = this.peers.get(peerId);
    if (!peer) throw new SignalingError("PEER_NOT_FOUND");
    return peer;
  }

  #broadcast<N extends TRelayedEventName>(event: N, data: TSignalingEvent<N>, except?: Peer): void {
    for (const peer of this.peers.values()) if (peer !== except) peer.notify(event, data);
    this.emit("relay", event, data);
  }

  #publishRollCall(): { rollCall: TRollCall } {
    const rollCall = this.#rollCall!.view();
    this.#broadcast("rollCallUpdated", { rollCall });
    return { rollCall };
  }

  #scheduleCloseIfEmpty(): void {
    if (this.#hasPeers() || this.#closed) return;
    clearTimeout(this.#emptyTimer);
    this.#emptyTimer = setTimeout(() => {
      if (!this.#hasPeers()) this.close("empty");
    }, this.#emptyGraceMs);
  }

  #transport(peer: Peer, transportId: string) {
    const transport = peer.transports.get(transportId);
    if (!transport) throw new SignalingError("TRANSPORT_NOT_FOUND");
    return transport;
  }

  /** Signaling's transports are the browser's WebRTC ones; a plain one is not for it to touch. */
  #webRtcTransport(peer: Peer, transportId: string) {
    const transport = this.#transport(peer, transportId);
    if (!("iceParameters" in transport)) throw new SignalingError("TRANSPORT_NOT_FOUND");
    return transport;
  }

  #producer(peer: Peer, producerId: string) {
    const producer = peer.producers.get(producerId);
    if (!producer) throw new SignalingError("PRODUCER_NOT_FOUND");
    return producer;
  }

  #consumer(peer: Peer, consumerId: string) {
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new SignalingError("CONSUMER_NOT_FOUND");
    return consumer;
  }

  /** A producer of a peer on this node (not one piped in). */
  localProducer(producerId: string): types.Producer<TProducerAppData> | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return producer;
    }
    return undefined;
  }

  /** Peers here or on the room's other nodes, quiet students too, keep the room open. */
  #hasPeers(): boolean {
    return this.#roster.count() > 0;
  }

  #producerInfos(): TProducerInfo[] {
    return [...this.peers.values()].flatMap((peer) => [...peer.producers.values()].map(producerInfo));
  }

  /** This node's producers and, in a spread room, those of its other nodes. */
  #allProducerInfos(): TProducerInfo[] {
    return [...this.#producerInfos(), ...(this.#spread?.remoteProducers() ?? [])];
  }

  /**
   * A consumer runs when its subscriber wants it, it is in the subscriber's last-N selection and
   * audio-only mode does not hold video back.
   */
  #applyConsumerState(peer: Peer, consumer: types.Consumer<TConsumerAppData>): Promise<void> {
    const apply = async () => {
      if (consumer.closed) return;
      const { clientPaused, forwarded } = consumer.appData;
      const run = !clientPaused && forwarded && !(peer.audioOnly && consumer.kind === "video");
      if (run && consumer.paused) await consumer.resume();
      else if (!run && !consumer.paused) await consumer.pause();
    };
    const next = (this.#consumerUpdates.get(consumer) ?? Promise.resolve()).then(apply, apply);
    this.#consumerUpdates.set(consumer, next);
    return next;
  }

  /** Pauses the target's producers that match, as a host action: everyone sees it, the target is told. */
  async #pauseProducers(target: Peer, which: (producer: types.Producer<TProducerAppData>) => boolean): Promise<void> {
    const paused = [...target.producers.values()].filter((producer) => !producer.paused && which(producer));
    for (const producer of paused) {
      await producer.pause();
      this.#broadcast("producerUpdated", { producer: producerInfo(producer) });
      target.notify("mutedByHost", { source: producer.appData.source });
    }
    if (paused.length > 0) await this.#refreshForwarding();
  }

  #selectionFor(peer: Peer, producers = this.#allProducerInfos()): Set<string> {
    return selectForwarded({
      order: this.#speakers.order,
      producers,
      subscriberPeerId: peer.id,
      videoSlots: peer.videoSlots,
      audioSlots: AUDIO_SLOTS,
    });
  }

  /**
   * Re-selects what every peer receives after the speakers, the producers or a peer's slots
   * changed. A consumer closed meanwhile is no failure; requests await it so their ack follows it.
   */
  async #refreshForwarding(): Promise<void> {
    if (this.#closed) return;
    const producers = this.#allProducerInfos();
    await Promise.all([...this.peers.values()].map((peer) => this.#refreshForwardingOf(peer, producers).catch(() => {})));
  }

  async #refreshForwardingOf(peer: Peer, producers: TProducerInfo[]): Promise<void> {
    const selected = this.#selectionFor(peer, producers);
    const changed = [...peer.consumers.values()].filter((consumer) => consumer.appData.forwarded !== selected.has(consumer.producerId));
    for (const consumer of changed) {
      consumer.appData.forwarded = !consumer.appData.forwarded;
      peer.notify("consumerForwarded", { consumerId: consumer.id, forwarded: consumer.appData.forwarded });
    }
    await Promise.all(changed.map((consumer) => this.#applyConsumerState(peer, consumer)));
  }

  async #applyLayer(peer: Peer, consumer: types.Consumer<TConsumerAppData>): Promise<number> {
    if (consumer.type !== "simulcast" && consumer.type !== "svc") return 0;
    const { spatialLayers } = parseScalabilityMode(consumer.rtpParameters.encodings?.[0]?.scalabilityMode);
    const videoConsumers = [...peer.consumers.values()].filter(
      (c) => c.kind === "video" && !c.appData.clientPaused && c.appData.renderedHeight !== 0,
    ).length;
    const spatialLayer = chooseSpatialLayer({
      maxSpatialLayer: spatialLayers - 1,
      renderedHeight: consumer.appData.renderedHeight,
      availableBitrate: peer.availableBitrate,
      videoConsumers,
    });
    if (consumer.preferredLayers?.spatialLayer !== spatialLayer)
      await consumer.setPreferredLayers({ spatialLayer, temporalLayer: 2 });
    return spatialLayer;
  }

  #applyLayers(peer: Peer): void {
    for (const consumer of peer.consumers.values())
      if (consumer.type === "simulcast" && !consumer.closed) this.#applyLayer(peer, consumer).catch(() => {});
  }
}

function producerInfo(producer: types.Producer<TProducerAppData>): TProducerInfo {
  return {
    producerId: producer.id,
    peerId: producer.appData.peerId,
    kind: producer.kind,
    source: producer.appData.source,
    paused: producer.paused,
  };
}

import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { parseScalabilityMode, type types } from "mediasoup";
import {
  NOT_RECORDING,
  type TChatMessage,
  type TJoinTokenClaims,
  type TMediaSource,
  type TMeetingRole,
  type TProducerInfo,
  type TRollCall,
  type TRoomRecording,
  type TRoomState,
  type TSignalingEvent,
  type TSignalingEventName,
} from "@diemcau/protocol";
import type { TRecordedProducer, TRecorderSource, TRecorderSourceListeners } from "./Recorder";
import { iceServersFor, type TIceConfig, type TIceServer } from "./turn-credentials";
import { chooseSpatialLayer } from "./layers";
import { Peer, type TConsumerAppData, type TPeerChannel, type TProducerAppData, type TTransportAppData } from "./Peer";
import { RollCall } from "./RollCall";
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
  listenIp: { ip: string; announcedIp?: string };
  ice: TIceConfig;
  emptyGraceMs: number;
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
};

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
  readonly #removedUserIds = new Set<string>();
  #activeSpeakerObserver!: types.ActiveSpeakerObserver;
  #rollCall: RollCall | null = null;
  #emptyTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(options: TRoomOptions) {
    super();
    this.id = options.id;
    this.router = options.router;
    this.#listenIp = options.listenIp;
    this.#ice = options.ice;
    this.#emptyGraceMs = options.emptyGraceMs;
    this.#limits = options.limits;
  }

  static async create(options: TRoomOptions): Promise<Room> {
    const room = new Room(options);
    room.#activeSpeakerObserver = await options.router.createActiveSpeakerObserver({ interval: 300 });
    room.#activeSpeakerObserver.on("dominantspeaker", ({ producer }) => {
      const peerId = (producer.appData as TProducerAppData).peerId;
      if (peerId === room.activeSpeakerPeerId) return;
      room.activeSpeakerPeerId = peerId;
      room.#broadcast("activeSpeaker", { peerId });
      room.emit("activeSpeakerChanged", peerId);
    });
    options.router.once("workerclose", () => room.close("workerclose"));
    room.#scheduleCloseIfEmpty();
    return room;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** ICE servers for this peer, with its own short-lived TURN credential. */
  iceServersFor(peer: Peer): TIceServer[] {
    return iceServersFor(this.#ice, { userId: peer.userId, room: this.id });
  }

  state(): TRoomState {
    return {
      roomId: this.id,
      locked: this.locked,
      activeSpeakerPeerId: this.activeSpeakerPeerId,
      peers: [...this.peers.values()].map((peer) => peer.info()),
      producers: this.#producerInfos(),
      chat: this.chatLog.slice(-CHAT_ON_JOIN),
      rollCall: this.#rollCall?.view() ?? null,
      recording: this.recording,
    };
  }

  /** Every producer of the room, for the recorder. */
  recordedProducers(): TRecordedProducer[] {
    return [...this.peers.values()].flatMap((peer) =>
      [...peer.producers.values()].map((producer) => ({ producer, peerId: peer.id, source: producer.appData.source })),
    );
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
    this.peers.set(peer.id, peer);
    this.#broadcast("peerJoined", { peer: peer.info() }, peer);
    this.emit("peerJoined", peer);
    return peer;
  }

  /** Closes everything the peer opened; safe to call twice. */
  leave(peer: Peer): void {
    if (this.peers.get(peer.id) !== peer) return;
    this.peers.delete(peer.id);
    peer.close();
    this.emit("peerLeft", peer);
    if (this.activeSpeakerPeerId === peer.id) {
      this.activeSpeakerPeerId = null;
      this.#broadcast("activeSpeaker", { peerId: null });
    }
    this.#broadcast("peerLeft", { peerId: peer.id });
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
    const transport = await this.router.createWebRtcTransport<TTransportAppData>({
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
    const transport = await this.router.createPlainTransport<TTransportAppData>({ ...options, appData: { peerId: peer.id, direction } });
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
    const replaced = [...peer.producers.values()].find((p) => p.appData.source === source && p.kind === kind);
    if (peer.producers.size - (replaced ? 1 : 0) >= this.#limits.producersPerPeer) throw new SignalingError("TOO_MANY_PRODUCERS");
    replaced?.close();

    const producer = await transport.produce<TProducerAppData>({ kind, rtpParameters, appData: { peerId: peer.id, source } });
    if (peer.closed) {
      producer.close();
      throw new SignalingError("NOT_JOINED");
    }
    peer.producers.set(producer.id, producer);
    producer.observer.once("close", () => {
      peer.producers.delete(producer.id);
      this.#broadcast("producerClosed", { producerId: producer.id, peerId: peer.id });
      this.emit("producersChanged");
    });
    producer.on("score", (scores) => {
      const score = Math.min(...scores.map((s) => s.score));
      peer.notify("producerScore", { producerId: producer.id, score: Number.isFinite(score) ? score : 0 });
    });
    if (kind === "audio") await this.#activeSpeakerObserver.addProducer({ producerId: producer.id }).catch(() => {});
    this.#broadcast("producerAdded", { producer: producerInfo(producer) }, peer);
    this.emit("producersChanged");
    return { producerId: producer.id };
  }

  closeProducer(peer: Peer, producerId: string): void {
    this.#producer(peer, producerId).close();
  }

  async pauseProducer(peer: Peer, producerId: string): Promise<void> {
    const producer = this.#producer(peer, producerId);
    await producer.pause();
    this.#broadcast("producerUpdated", { producer: producerInfo(producer) });
  }

  async resumeProducer(peer: Peer, producerId: string): Promise<void> {
    const producer = this.#producer(peer, producerId);
    await producer.resume();
    // Muted by the host, a participant may still unmute; the flag only says who muted last.
    if (producer.appData.source === "mic" && peer.mutedByHost) {
      peer.mutedByHost = false;
      this.#broadcast("peerUpdated", { peer: peer.info() });
    }
    this.#broadcast("producerUpdated", { producer: producerInfo(producer) });
  }

  // ── consumers ─────────────────────────────────────────────────────────────

  async consume(peer: Peer, producerId: string) {
    const transport = peer.transportOf("recv");
    if (!transport) throw new SignalingError("NO_RECV_TRANSPORT");
    const owner = this.#producerOwner(producerId);
    if (!owner) throw new SignalingError("PRODUCER_NOT_FOUND");
    if (owner.peer === peer) throw new SignalingError("CANNOT_CONSUME", "Không nhận lại luồng của chính mình.");
    // A second consumer of the same producer only doubles the worker's work for this peer.
    for (const existing of peer.consumers.values())
      if (existing.producerId === producerId) throw new SignalingError("ALREADY_CONSUMING");
    if (peer.consumers.size >= this.#limits.consumersPerPeer) throw new SignalingError("TOO_MANY_CONSUMERS");
    if (!this.router.canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities }))
      throw new SignalingError("CANNOT_CONSUME");
    const { producer } = owner;
    const consumer = await transport.consume<TConsumerAppData>({
      producerId,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true,
      appData: {
        peerId: peer.id,
        producerPeerId: owner.peer.id,
        source: producer.appData.source,
        clientPaused: true,
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
      peerId: owner.peer.id,
      kind: consumer.kind,
      source: producer.appData.source,
      rtpParameters: consumer.rtpParameters,
      type: consumer.type,
      producerPaused: consumer.producerPaused,
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
    this.#broadcast("peerUpdated", { peer: peer.info() });
  }

  // ── hands, chat, roll call ───────────────────────────────────────────────

  raiseHand(peer: Peer, raised: boolean): void {
    if (raised === (peer.handRaisedAt !== null)) return;
    peer.handRaisedAt = raised ? new Date() : null;
    this.#broadcast("peerUpdated", { peer: peer.info() });
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

  answerRollCall(peer: Peer): { rollCall: TRollCall } {
    if (!peer.bridgePointId) throw new SignalingError("NOT_A_BRIDGE_POINT");
    if (!this.#rollCall?.open) throw new SignalingError("ROLL_CALL_NOT_ACTIVE");
    this.#rollCall.answer(peer.bridgePointId, peer.displayName);
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
      this.#broadcast("peerUpdated", { peer: target.info() });
    }
    return mics.length;
  }

  async muteAll(host: Peer): Promise<{ muted: number }> {
    let muted = 0;
    for (const peer of [...this.peers.values()]) if (peer !== host) muted += (await this.mutePeer(peer)) > 0 ? 1 : 0;
    return { muted };
  }

  async stopVideo(target: Peer): Promise<void> {
    for (const producer of [...target.producers.values()]) {
      if (producer.kind !== "video" || producer.paused) continue;
      await producer.pause();
      this.#broadcast("producerUpdated", { producer: producerInfo(producer) });
      target.notify("mutedByHost", { source: producer.appData.source });
    }
  }

  lowerHand(target: Peer): void {
    this.raiseHand(target, false);
  }

  /**
   * Only a scheduled host acts against another scheduled host, so a host promoted in the room
   * cannot take the meeting away from the one the schedule named.
   */
  #guardScheduledHost(actor: Peer, target: Peer): void {
    if (target.scheduledHost && !actor.scheduledHost) throw new SignalingError("HOST_PROTECTED");
  }

  removePeer(actor: Peer, target: Peer): void {
    if (target === actor) throw new SignalingError("BAD_REQUEST", "Không thể tự mời mình ra khỏi cuộc họp.");
    this.#guardScheduledHost(actor, target);
    this.#removedUserIds.add(target.userId);
    this.emit("peerRemoved", target);
    target.notify("sessionEnded", { reason: "REMOVED", code: "REMOVED", message: "Bạn đã bị người chủ trì mời ra khỏi cuộc họp." });
    this.leave(target);
    target.channel.disconnect();
  }

  setRole(actor: Peer, target: Peer, role: TMeetingRole) {
    if (role !== "HOST") this.#guardScheduledHost(actor, target);
    target.role = role;
    if (role === "ATTENDEE")
      for (const producer of [...target.producers.values()]) if (producer.appData.source === "screen") producer.close();
    this.#broadcast("peerUpdated", { peer: target.info() });
    return { peer: target.info() };
  }

  lock(locked: boolean): void {
    this.locked = locked;
    this.#broadcast("roomUpdated", { locked });
  }

  startRollCall(expectedBridgePointIds: string[], lateAfterSeconds = 60): { rollCall: TRollCall } {
    this.#rollCall = new RollCall(expectedBridgePointIds, lateAfterSeconds);
    return this.#publishRollCall();
  }

  endRollCall(): { rollCall: TRollCall } {
    if (!this.#rollCall?.open) throw new SignalingError("ROLL_CALL_NOT_ACTIVE");
    this.#rollCall.end();
    return this.#publishRollCall();
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
    this.router.close();
    this.emit("close", reason);
  }

  // ── internals ─────────────────────────────────────────────────────────────

  peer(peerId: string): Peer {
    const peer = this.peers.get(peerId);
    if (!peer) throw new SignalingError("PEER_NOT_FOUND");
    return peer;
  }

  #broadcast<N extends TSignalingEventName>(event: N, data: TSignalingEvent<N>, except?: Peer): void {
    for (const peer of this.peers.values()) if (peer !== except) peer.notify(event, data);
  }

  #publishRollCall(): { rollCall: TRollCall } {
    const rollCall = this.#rollCall!.view();
    this.#broadcast("rollCallUpdated", { rollCall });
    return { rollCall };
  }

  #scheduleCloseIfEmpty(): void {
    if (this.peers.size > 0 || this.#closed) return;
    clearTimeout(this.#emptyTimer);
    this.#emptyTimer = setTimeout(() => {
      if (this.peers.size === 0) this.close("empty");
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

  #producerOwner(producerId: string): { peer: Peer; producer: types.Producer<TProducerAppData> } | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return { peer, producer };
    }
    return undefined;
  }

  #producerInfos(): TProducerInfo[] {
    return [...this.peers.values()].flatMap((peer) => [...peer.producers.values()].map(producerInfo));
  }

  /** A consumer runs when its subscriber wants it and audio-only mode does not hold video back. */
  async #applyConsumerState(peer: Peer, consumer: types.Consumer<TConsumerAppData>): Promise<void> {
    const run = !consumer.appData.clientPaused && !(peer.audioOnly && consumer.kind === "video");
    if (run && consumer.paused) await consumer.resume();
    else if (!run && !consumer.paused) await consumer.pause();
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

import { Device, type types } from "mediasoup-client";
import {
  mayPublish,
  type TChatMessage,
  type TMediaSource,
  type TMeetingRole,
  type TPeerInfo,
  type TProducerInfo,
  type TRollCall,
  type TSignalingEvent,
  type TSignalingRequest,
  type TSignalingRequestName,
  type TSignalingResponse,
} from "@diemcau/protocol";
import { backoffDelay, DEFAULT_BACKOFF, type TBackoff } from "./backoff";
import { cameraConstraints, cameraEncodings, DEFAULT_CAPTURE, MIC_CODEC_OPTIONS, micConstraints, SCREEN_ENCODINGS, type TCaptureSize } from "./capture";
import { mediaErrorFrom, RoomClientError } from "./errors";
import { firstMediaOf } from "./first-media";
import { connectionQuality, lossBetween, summarizeStats, type TConnectionQuality, type TInboundTotals } from "./quality";
import { applyRoomEvent, EMPTY_ROOM, roomDataFrom, type TRoomData, type TRoomEventName } from "./room-state";
import { SignalingChannel, type TSignalingHandlers } from "./SignalingChannel";
import { tokenExpiresAt, tokenNodeUrl } from "./token-claims";
import { TypedEmitter } from "./TypedEmitter";
import { receivedRates, receivedTotals, videoCannotKeepUp, WEAK_INTERVALS, type TReceivedRates, type TReceivedTotals } from "./weak-link";

export type TRoomStatus = "idle" | "connecting" | "joined" | "reconnecting" | "ended" | "failed";

/**
 * A remote track this client receives. `paused` is true while its producer is paused; `forwarded`
 * is false while the server holds it back because its speaker is not among this client's last N.
 */
export type TRemoteMedia = {
  consumerId: string;
  producerId: string;
  peerId: string;
  kind: "audio" | "video";
  source: TMediaSource;
  track: MediaStreamTrack;
  paused: boolean;
  forwarded: boolean;
  spatialLayer: number | null;
  score: number | null;
};

/** Something this client publishes; the track survives reconnects and is re-published on the new transport. */
export type TLocalMedia = { track: MediaStreamTrack; paused: boolean; mutedByHost: boolean };

export type TRoomSnapshot = TRoomData & {
  status: TRoomStatus;
  selfPeerId: string | null;
  selfRole: TMeetingRole | null;
  /** No video is received at all (no video consumers), by choice or because the link could not carry it. */
  audioOnly: boolean;
  /** Audio-only was switched on by the client because received video could not keep up. */
  audioOnlyForWeakLink: boolean;
  local: Partial<Record<TMediaSource, TLocalMedia>>;
  remote: TRemoteMedia[];
  quality: TConnectionQuality;
  /** Why the session ended for good (removed, meeting ended, refused…); null while it goes on. */
  ended: { code: string; message: string } | null;
  reconnectAttempt: number;
};

export type TRoomClientEvents = {
  /** Any change of the snapshot; the payload is the new (immutable) snapshot. */
  change: TRoomSnapshot;
  chatMessage: TChatMessage;
  mutedByHost: { source: TMediaSource };
  /** A failed user action (e.g. the camera was refused); the session itself goes on. */
  error: RoomClientError;
};

export type TRoomClientOptions = {
  /** The media server's socket.io URL (MEDIA_SERVER_URL), unless a token names its node. */
  serverUrl: string;
  /** Called for every (re)connection: join tokens live two minutes, so each attempt needs a fresh one. */
  getJoinToken: () => Promise<string>;
  capture?: TCaptureSize;
  audioOnly?: boolean;
  /** Switch to audio-only by itself when received video cannot keep up (default true). */
  autoAudioOnly?: boolean;
  backoff?: TBackoff;
  /** How often connection quality is sampled from transport stats. */
  statsIntervalMs?: number;
  /** Overrides getDisplayMedia (e.g. a canvas capture where no screen exists). */
  captureScreen?: () => Promise<MediaStreamTrack>;
};

type TConnection = {
  channel: SignalingChannel;
  device: Device;
  sendTransport: types.Transport | null;
  recvTransport: types.Transport;
  producers: Map<TMediaSource, types.Producer>;
  consumers: Map<string, types.Consumer>;
  /** Producer ids being consumed, so a producerAdded racing the join snapshot is consumed once. */
  consuming: Set<string>;
  /**
   * Settles once the room's media at the join is being received (consumed and resumed). The
   * server answers a socket's requests in order, so requests that can wait (the participant list,
   * a new choice of video slots) go out after it rather than ahead of the join's own.
   */
  receiving: Promise<void>;
  /** The video slots this connection's server knows (sent with the join or since). */
  videoSlotsSent: number | null;
};

/** A socket opened and a device loaded ahead of join(); good for joining until its token expires. */
type TPrepared = { channel: SignalingChannel; device: Device; expiresAt: number };
/** One prepare() under way or done; `dropped` when renewed or left before it finished. */
type TPreparing = { ready: Promise<TPrepared | null>; dropped: boolean };

/** Publishing waits for the room's media to arrive (firstMediaOf) at most this long. */
const PUBLISH_AFTER_MEDIA_AT_MOST_MS = 1000;

/** A prepared socket is renewed this long before its token expires, so joining never meets a stale one. */
const PREPARED_RENEW_MARGIN_MS = 20_000;

const SESSION_END_CODES = { REMOVED: "REMOVED", ROOM_ENDED: "ROOM_ENDED", REPLACED: "REPLACED", RATE_LIMITED: "RATE_LIMITED" } as const;

/**
 * The browser side of a meeting: connects to the media server with a join token, publishes the
 * microphone, camera (3 simulcast layers) and screen, receives everyone else, and keeps the room
 * state (peers, hands, chat, roll call) as immutable snapshots. After a network blip it restarts
 * ICE; after the socket drops or the media server restarts it reconnects with a fresh token and
 * publishes again by itself.
 */
export class RoomClient extends TypedEmitter<TRoomClientEvents> {
  private readonly options: Required<Omit<TRoomClientOptions, "captureScreen">> & Pick<TRoomClientOptions, "captureScreen">;
  private connection: TConnection | null = null;
  private state: TRoomSnapshot;
  private leaving = false;
  private reconnecting = false;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private lastInbound: TInboundTotals | undefined;
  private lastReceived: TReceivedTotals | undefined;
  private recentRates: (TReceivedRates & { videoExpected: boolean })[] = [];
  private autoAudioOnly: boolean;
  private readonly renderedSizes = new Map<string, string>();
  private readonly iceRestarts = new Set<string>();
  private preparing: TPreparing | null = null;
  /** How many speakers' videos this client shows; null until the page says. */
  private videoSlots: number | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: TRoomClientOptions) {
    super();
    this.options = {
      capture: DEFAULT_CAPTURE,
      audioOnly: false,
      autoAudioOnly: true,
      backoff: DEFAULT_BACKOFF,
      statsIntervalMs: 3000,
      ...options,
    };
    this.autoAudioOnly = this.options.autoAudioOnly;
    this.state = {
      ...EMPTY_ROOM,
      status: "idle",
      selfPeerId: null,
      selfRole: null,
      audioOnly: this.options.audioOnly,
      audioOnlyForWeakLink: false,
      local: {},
      remote: [],
      quality: "unknown",
      ended: null,
      reconnectAttempt: 0,
    };
  }

  get snapshot(): TRoomSnapshot {
    return this.state;
  }

  get selfPeer(): TPeerInfo | undefined {
    return this.state.peers.find((p) => p.peerId === this.state.selfPeerId);
  }

  /**
   * Opens the socket and loads the device ahead of join() (e.g. while the pre-join preview shows),
   * so that joining only has to send `join`. The token still bounds when one may join, so the
   * socket is reopened with a fresh token shortly before it expires. Failures are left for join().
   * Resolves once the socket and device are ready, or preparing failed (join() then starts afresh).
   */
  async prepare(): Promise<void> {
    if (this.state.status !== "idle" || this.leaving) return;
    if (this.preparing) return void (await this.preparing.ready);
    const preparing: TPreparing = { ready: Promise.resolve(null), dropped: false };
    preparing.ready = this.openChannel().then(
      (ready) => {
        if (preparing.dropped) {
          ready.channel.close();
          return null;
        }
        // Still waiting for join(): renew before the token runs out.
        if (this.preparing === preparing) {
          const renewIn = Math.max(0, ready.expiresAt - Date.now() - PREPARED_RENEW_MARGIN_MS);
          this.renewTimer = setTimeout(() => {
            this.dropPrepared();
            void this.prepare();
          }, renewIn);
        }
        return ready;
      },
      () => null,
    );
    this.preparing = preparing;
    await preparing.ready;
  }

  /** Joins the room. Rejects with a RoomClientError when the first attempt fails. */
  async join(): Promise<void> {
    if (this.state.status !== "idle") throw new Error("RoomClient.join() may be called once");
    this.update({ status: "connecting" });
    try {
      await this.connectOnce();
    } catch (error) {
      // Removed or ended while still publishing: that is how the session ended, not a failed join.
      if ((this.state as TRoomSnapshot).status === "ended") return;
      const failure = error instanceof RoomClientError ? error : new RoomClientError("CONNECTION_FAILED");
      this.finish("failed", failure.code, failure.message);
      throw failure;
    }
    this.statsTimer = setInterval(() => void this.sampleQuality(), this.options.statsIntervalMs);
  }

  /** Leaves the room and stops every local track. */
  async leave(): Promise<void> {
    if (this.leaving) return;
    this.leaving = true;
    this.dropPrepared();
    const channel = this.connection?.channel;
    if (channel?.connected) await channel.request("leave", {}).catch(() => undefined);
    this.finish("ended", "LEFT", "Bạn đã rời cuộc họp.");
  }

  // ——— local media ———

  /** Turns the microphone on (publishing it if needed) or mutes it; muting pauses the producer on the server. */
  async setMicEnabled(enabled: boolean, options: { track?: MediaStreamTrack; deviceId?: string } = {}): Promise<void> {
    if (enabled) this.checkMayPublish("mic");
    const local = this.state.local.mic;
    if (!local) {
      if (!enabled) return;
      const track = options.track ?? (await this.capture({ audio: micConstraints(options.deviceId) }, "audio"));
      await this.publish("mic", track, false);
      return;
    }
    await this.setPaused("mic", !enabled);
  }

  /** Starts the camera (3 simulcast layers) or stops it; stopping releases the device so its light goes off. */
  async setCameraEnabled(enabled: boolean, options: { track?: MediaStreamTrack; deviceId?: string } = {}): Promise<void> {
    if (!enabled) return this.unpublish("camera");
    this.checkMayPublish("camera");
    if (this.state.local.camera && !this.state.local.camera.paused) return;
    if (this.state.local.camera) return this.setPaused("camera", false);
    const track = options.track ?? (await this.capture({ video: cameraConstraints(this.options.capture, options.deviceId) }, "video"));
    await this.publish("camera", track, false);
  }

  /** Replaces the microphone or camera track with another device without renegotiating. */
  async switchDevice(source: "mic" | "camera", deviceId: string): Promise<void> {
    const local = this.state.local[source];
    if (!local) return;
    const track =
      source === "mic"
        ? await this.capture({ audio: micConstraints(deviceId) }, "audio")
        : await this.capture({ video: cameraConstraints(this.options.capture, deviceId) }, "video");
    await this.connection?.producers.get(source)?.replaceTrack({ track });
    local.track.stop();
    this.setLocal(source, { ...local, track });
  }

  async startScreenShare(): Promise<void> {
    if (this.state.local.screen) return;
    let track: MediaStreamTrack | undefined;
    try {
      track = this.options.captureScreen
        ? await this.options.captureScreen()
        : (await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false })).getVideoTracks()[0];
    } catch (error) {
      throw this.report(mediaErrorFrom(error, true));
    }
    if (!track) throw this.report(new RoomClientError("SCREEN_SHARE_CANCELLED"));
    track.addEventListener("ended", () => void this.stopScreenShare());
    await this.publish("screen", track, false);
  }

  async stopScreenShare(): Promise<void> {
    await this.unpublish("screen");
  }

  /**
   * Whether this client may publish from the source now: a student who must ask to speak needs the
   * host's grant for its microphone and camera. Before joining everything may be prepared.
   */
  mayPublish(source: TMediaSource): boolean {
    const self = this.selfPeer;
    return !self || mayPublish(self, source);
  }

  private checkMayPublish(source: TMediaSource): void {
    if (!this.mayPublish(source)) throw this.report(new RoomClientError("SPEAK_NOT_GRANTED"));
  }

  // ——— what this client receives ———

  /**
   * Last-N: how many speakers' videos this client shows (see chooseVideoSlots). The server
   * forwards only those cameras and every screen share; the choice is kept across reconnects.
   */
  async setVideoSlots(slots: number): Promise<void> {
    if (this.videoSlots === slots) return;
    this.videoSlots = slots;
    // While connecting, the connection sends the latest choice once it receives.
    if (this.connection && this.state.status === "joined") await this.sendVideoSlots(this.connection);
  }

  private async sendVideoSlots(connection: TConnection): Promise<void> {
    await connection.receiving;
    const slots = this.videoSlots;
    if (this.connection !== connection || slots === null || slots === connection.videoSlotsSent) return;
    connection.videoSlotsSent = slots;
    await this.call("setVideoSlots", { slots });
  }

  /** One page of the participant list, searched on the server (diacritics ignored). */
  async listPeers(query: string, offset: number, limit: number): Promise<TSignalingResponse<"listPeers">> {
    await this.connection?.receiving;
    return this.call("listPeers", { query, offset, limit });
  }

  /**
   * Audio-only mode, as the user chooses it: no video is received at all (its consumers are
   * closed, none is made while it lasts). Choosing video again also stops the client from
   * switching to audio-only by itself for the rest of the session.
   */
  async setAudioOnly(enabled: boolean): Promise<void> {
    if (!enabled) this.autoAudioOnly = false;
    await this.applyAudioOnly(enabled, false);
  }

  private async applyAudioOnly(enabled: boolean, forWeakLink: boolean): Promise<void> {
    this.update({ audioOnly: enabled, audioOnlyForWeakLink: enabled && forWeakLink });
    this.recentRates = [];
    const connection = this.connection;
    if (!connection) return;
    await this.call("setAudioOnly", { enabled });
    if (enabled) {
      const video = this.state.remote.filter((m) => m.kind === "video");
      await Promise.all(
        video.map((m) => {
          this.dropConsumer(m.consumerId);
          return connection.channel.request("closeConsumer", { consumerId: m.consumerId }).catch(() => undefined);
        }),
      );
    } else {
      await Promise.all(this.state.producers.filter((p) => p.kind === "video" && p.peerId !== this.state.selfPeerId).map((p) => this.consume(p.producerId)));
    }
  }

  /**
   * Tells the server how large a remote video is drawn so it picks the simulcast layer
   * (0×0 for a hidden tile). Repeats of the same size are not sent.
   */
  async setRenderedSize(consumerId: string, width: number, height: number): Promise<void> {
    const key = `${Math.round(width)}x${Math.round(height)}`;
    if (this.renderedSizes.get(consumerId) === key || !this.connection?.consumers.has(consumerId)) return;
    this.renderedSizes.set(consumerId, key);
    const { spatialLayer } = await this.call("setConsumerRenderedSize", {
      consumerId,
      width: Math.min(8192, Math.round(width)),
      height: Math.min(8192, Math.round(height)),
    });
    this.patchRemote(consumerId, { spatialLayer });
  }

  // ——— meeting features ———

  async raiseHand(raised: boolean): Promise<void> {
    await this.call("raiseHand", { raised });
  }

  async sendChat(text: string): Promise<TChatMessage> {
    const { message } = await this.call("sendChat", { text });
    this.applyRoom("chatMessage", { message });
    return message;
  }

  async answerRollCall(): Promise<TRollCall> {
    const { rollCall } = await this.call("answerRollCall", {});
    this.update({ rollCall });
    return rollCall;
  }

  /** Host controls; the server refuses them with FORBIDDEN for anyone but the host. */
  readonly host = {
    mutePeer: (peerId: string) => this.call("host:mutePeer", { peerId }),
    muteAll: () => this.call("host:muteAll", {}),
    stopVideo: (peerId: string) => this.call("host:stopVideo", { peerId }),
    lowerHand: (peerId: string) => this.call("host:lowerHand", { peerId }),
    /** Gives a student the floor (its hand goes down); it may then unmute. */
    grantSpeak: (peerId: string) => this.call("host:grantSpeak", { peerId }),
    /** Takes the floor back: the server pauses the student's microphone and camera. */
    revokeSpeak: (peerId: string) => this.call("host:revokeSpeak", { peerId }),
    removePeer: (peerId: string) => this.call("host:removePeer", { peerId }),
    setRole: (peerId: string, role: TMeetingRole) => this.call("host:setRole", { peerId, role }),
    lockRoom: async (locked: boolean) => {
      await this.call("host:lockRoom", { locked });
      this.update({ locked });
    },
    endMeeting: () => this.call("host:endMeeting", {}),
    startRollCall: async (expectedBridgePointIds: string[], lateAfterSeconds?: number) => {
      const { rollCall } = await this.call("host:startRollCall", { expectedBridgePointIds, lateAfterSeconds });
      this.update({ rollCall });
      return rollCall;
    },
    endRollCall: async () => {
      const { rollCall } = await this.call("host:endRollCall", {});
      this.update({ rollCall });
      return rollCall;
    },
    /** Starts the server recording; everyone's snapshot shows it (recordingStateChanged). */
    startRecording: async () => {
      const { recording } = await this.call("host:startRecording", {});
      this.update({ recording });
      return recording;
    },
    stopRecording: async () => {
      const { recording } = await this.call("host:stopRecording", {});
      this.update({ recording });
      return recording;
    },
  };

  // ——— connection lifecycle ———

  /** A fresh token, a socket opened with it and the device loaded with the room's capabilities. */
  private async openChannel(): Promise<TPrepared> {
    const token = await this.options.getJoinToken();
    const handlers = this.signalingHandlers();
    // With several media-server nodes each token names the node to use; a reconnect after that
    // node died gets a token naming a live one.
    const serverUrl = tokenNodeUrl(token) ?? this.options.serverUrl;
    const channel = await SignalingChannel.open(serverUrl, token, handlers, (reason) => this.onDisconnect(channel, reason));
    try {
      const { rtpCapabilities } = await channel.request("getRouterRtpCapabilities", {});
      const device = new Device();
      await device.load({ routerRtpCapabilities: rtpCapabilities as types.RtpCapabilities });
      // Without a readable expiry, treat the token as good for the protocol's two minutes.
      return { channel, device, expiresAt: tokenExpiresAt(token) ?? Date.now() + 120_000 };
    } catch (error) {
      channel.close();
      throw error;
    }
  }

  /** The prepared socket if it is still open and its token good for a while; it is used once. */
  private async takePrepared(): Promise<TPrepared | null> {
    const preparing = this.preparing;
    this.preparing = null;
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
    const ready = await preparing?.ready;
    if (!ready) return null;
    if (ready.channel.connected && ready.expiresAt - Date.now() > PREPARED_RENEW_MARGIN_MS / 2) return ready;
    ready.channel.close();
    return null;
  }

  private dropPrepared(): void {
    const preparing = this.preparing;
    this.preparing = null;
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
    if (!preparing) return;
    preparing.dropped = true;
    void preparing.ready.then((ready) => ready?.channel.close());
  }

  private async connectOnce(): Promise<void> {
    const { channel, device } = (await this.takePrepared()) ?? (await this.openChannel());
    // The server answers a socket's requests in order, so the receiving transport is asked for
    // right behind the join instead of one round trip after it.
    const sentSlots = this.videoSlots;
    const joining = channel.request("join", {
      rtpCapabilities: device.recvRtpCapabilities as TSignalingRequest<"join">["rtpCapabilities"],
      audioOnly: this.state.audioOnly,
      ...(sentSlots === null ? {} : { videoSlots: sentSlots }),
    });
    const receiving = this.createTransport(channel, device, "recv");
    // A failed join fails it too; the join's error is the one reported.
    receiving.catch(() => undefined);
    try {
      const joined = await joining;
      // Events that follow the join answer apply on top of its snapshot, so take it first.
      const self = joined.room.peers.find((p) => p.peerId === joined.peerId);
      this.renderedSizes.clear();
      this.update({ ...roomDataFrom(joined.room), selfPeerId: joined.peerId, selfRole: self?.role ?? null, remote: [] });
      // Pictures before sound, as they take longest to appear.
      // Audio-only receives no video at all.
      const videoFirst = (producers: TProducerInfo[]) => {
        const remote = producers.filter((p) => p.peerId !== joined.peerId);
        return [...(this.state.audioOnly ? [] : remote.filter((p) => p.kind === "video")), ...remote.filter((p) => p.kind !== "video")];
      };
      // Consume requests also go out before the transports are answered (the server takes them
      // after the transports); a producer closed meanwhile closes its consumer on the server too.
      const requested = new Map(videoFirst(joined.room.producers).map((p) => [p.producerId, channel.request("consume", { producerId: p.producerId })]));
      for (const request of requested.values()) request.catch(() => undefined);
      const recvTransport = await receiving;
      let received = () => {};
      const connection: TConnection = {
        channel,
        device,
        sendTransport: null,
        recvTransport,
        producers: new Map(),
        consumers: new Map(),
        consuming: new Set(),
        receiving: new Promise((resolve) => (received = resolve)),
        videoSlotsSent: sentSlots,
      };
      this.connection = connection;
      this.update({ status: "joined", reconnectAttempt: 0 });
      // Receiving is set up first (including producers announced while the transports were being
      // created). Publishing follows once the room's media flows in, or soon after: encoding our
      // own camera would otherwise compete with decoding the first pictures a joining person waits for.
      await Promise.all(videoFirst(this.state.producers).map((p) => this.consume(p.producerId, requested.get(p.producerId)))).finally(received);
      // The page chose its video slots while the join was under way.
      void this.sendVideoSlots(connection).catch(() => undefined);
      await firstMediaOf(
        this.state.remote.filter((m) => !m.paused && m.forwarded).map((m) => m.track),
        PUBLISH_AFTER_MEDIA_AT_MOST_MS,
      );
      // Left, or lost the socket, meanwhile: that connection is gone, and a reconnect has its own.
      if (this.connection !== connection) return;
      const sendTransport = device.canProduce("audio") || device.canProduce("video") ? await this.createTransport(channel, device, "send") : null;
      if (this.connection !== connection) return sendTransport?.close();
      connection.sendTransport = sendTransport;
      for (const [source, local] of Object.entries(this.state.local) as [TMediaSource, TLocalMedia][]) {
        await this.produce(source, local.track, local.paused);
      }
    } catch (error) {
      this.closeConnection(channel);
      throw error;
    }
  }

  private async createTransport(channel: SignalingChannel, device: Device, direction: "send" | "recv"): Promise<types.Transport> {
    const params = await channel.request("createTransport", { direction });
    const options = {
      id: params.transportId,
      iceParameters: params.iceParameters as types.IceParameters,
      iceCandidates: params.iceCandidates as types.IceCandidate[],
      dtlsParameters: params.dtlsParameters as types.DtlsParameters,
      iceServers: params.iceServers,
    };
    const transport = direction === "send" ? device.createSendTransport(options) : device.createRecvTransport(options);
    transport.on("connect", ({ dtlsParameters }, callback, errback) => {
      channel
        .request("connectTransport", { transportId: transport.id, dtlsParameters: dtlsParameters as TSignalingRequest<"connectTransport">["dtlsParameters"] })
        .then(() => callback(), errback);
    });
    if (direction === "send") {
      transport.on("produce", ({ kind, rtpParameters, appData }, callback, errback) => {
        channel
          .request("produce", {
            transportId: transport.id,
            kind,
            source: appData.source as TMediaSource,
            rtpParameters: rtpParameters as TSignalingRequest<"produce">["rtpParameters"],
          })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    transport.on("connectionstatechange", (state) => {
      if (state === "disconnected" || state === "failed") void this.restartIce(transport);
    });
    return transport;
  }

  /** A network blip (Wi-Fi roam, new address) breaks ICE but not the socket: new ICE credentials fix it. */
  private async restartIce(transport: types.Transport): Promise<void> {
    if (this.iceRestarts.has(transport.id) || !this.connection?.channel.connected || transport.closed) return;
    this.iceRestarts.add(transport.id);
    try {
      const { iceParameters, iceServers } = await this.connection.channel.request("restartIce", { transportId: transport.id });
      // The TURN credential the transport began with may have expired in a long meeting.
      await transport.updateIceServers({ iceServers });
      await transport.restartIce({ iceParameters: iceParameters as types.IceParameters });
    } catch (error) {
      console.warn("[room-client] ICE restart failed", error);
    } finally {
      this.iceRestarts.delete(transport.id);
    }
  }

  private onDisconnect(channel: SignalingChannel, reason: string): void {
    if (this.connection?.channel !== channel || this.leaving || this.state.ended) return;
    console.info(`[room-client] socket closed (${reason}); reconnecting`);
    void this.reconnect();
  }

  /** Drops what the old connection had, then retries with backoff and a fresh token until it joins again. */
  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    if (this.connection) this.closeConnection(this.connection.channel);
    for (let attempt = 0; !this.leaving && !this.state.ended; attempt++) {
      this.update({ status: "reconnecting", reconnectAttempt: attempt + 1, remote: [], activeSpeakerPeerId: null });
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, this.options.backoff)));
      if (this.leaving || this.state.ended) break;
      try {
        await this.connectOnce();
        break;
      } catch (error) {
        const failure = error instanceof RoomClientError ? error : new RoomClientError("CONNECTION_FAILED");
        if (!failure.retryable) this.finish("failed", failure.code, failure.message);
      }
    }
    this.reconnecting = false;
  }

  /** Closes the socket and transports of one connection; local tracks stay so they can be re-published. */
  private closeConnection(channel: SignalingChannel): void {
    channel.close();
    const connection = this.connection;
    if (connection?.channel !== channel) return;
    for (const consumer of connection.consumers.values()) consumer.close();
    for (const producer of connection.producers.values()) producer.close();
    connection.sendTransport?.close();
    connection.recvTransport.close();
    this.connection = null;
    this.lastInbound = undefined;
    this.lastReceived = undefined;
    this.recentRates = [];
  }

  private finish(status: "ended" | "failed", code: string, message: string): void {
    this.dropPrepared();
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = null;
    if (this.connection) this.closeConnection(this.connection.channel);
    for (const local of Object.values(this.state.local)) local.track.stop();
    this.update({ status, ended: { code, message }, local: {}, remote: [] });
  }

  // ——— publishing ———

  private async capture(constraints: MediaStreamConstraints, kind: "audio" | "video"): Promise<MediaStreamTrack> {
    if (!navigator.mediaDevices?.getUserMedia) throw this.report(new RoomClientError("MEDIA_UNSUPPORTED"));
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      const track = kind === "audio" ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
      if (!track) throw new DOMException("no track", "NotFoundError");
      return track;
    } catch (error) {
      throw this.report(mediaErrorFrom(error));
    }
  }

  private async publish(source: TMediaSource, track: MediaStreamTrack, paused: boolean): Promise<void> {
    this.setLocal(source, { track, paused, mutedByHost: false });
    if (this.connection) await this.produce(source, track, paused);
  }

  private async produce(source: TMediaSource, track: MediaStreamTrack, paused: boolean): Promise<void> {
    const transport = this.connection?.sendTransport;
    if (!transport) return;
    // A student without the floor keeps its track here, muted; it is published when it unmutes with it.
    if (!this.mayPublish(source)) {
      const local = this.state.local[source];
      if (local && !local.paused) this.setLocal(source, { ...local, paused: true });
      return;
    }
    const producer = await transport.produce({
      track,
      // The client owns its tracks: a closed transport (reconnect) must not stop the camera.
      stopTracks: false,
      encodings: source === "camera" ? cameraEncodings(this.options.capture) : source === "screen" ? SCREEN_ENCODINGS : undefined,
      codecOptions: source === "mic" ? MIC_CODEC_OPTIONS : { videoGoogleStartBitrate: 1000 },
      appData: { source },
    });
    this.connection?.producers.set(source, producer);
    if (paused) {
      producer.pause();
      await this.call("pauseProducer", { producerId: producer.id });
    }
  }

  private async unpublish(source: TMediaSource): Promise<void> {
    const producer = this.connection?.producers.get(source);
    this.connection?.producers.delete(source);
    const local = this.state.local[source];
    if (local) {
      local.track.stop();
      const { [source]: _gone, ...rest } = this.state.local;
      this.update({ local: rest });
    }
    if (producer) {
      producer.close();
      await this.call("closeProducer", { producerId: producer.id }).catch(() => undefined);
    }
  }

  private async setPaused(source: TMediaSource, paused: boolean): Promise<void> {
    const local = this.state.local[source];
    if (!local) return;
    const producer = this.connection?.producers.get(source);
    if (producer) {
      if (paused) producer.pause();
      else producer.resume();
      await this.call(paused ? "pauseProducer" : "resumeProducer", { producerId: producer.id });
    } else if (!paused && this.connection) {
      // Kept back until the floor was given: published now.
      await this.produce(source, local.track, false);
    }
    this.setLocal(source, { ...local, paused, mutedByHost: paused && local.mutedByHost });
  }

  // ——— receiving ———

  /** Receives one producer; `requested` is its consume request when that was sent already (with the join). */
  private async consume(producerId: string, requested?: Promise<TSignalingResponse<"consume">>): Promise<void> {
    const connection = this.connection;
    if (!connection || connection.consuming.has(producerId)) return;
    const kind = this.state.producers.find((p) => p.producerId === producerId)?.kind;
    if (this.state.audioOnly && kind === "video") return;
    connection.consuming.add(producerId);
    try {
      const params = await (requested ?? connection.channel.request("consume", { producerId }));
      const consumer = await connection.recvTransport.consume({
        id: params.consumerId,
        producerId: params.producerId,
        kind: params.kind,
        rtpParameters: params.rtpParameters as types.RtpParameters,
      });
      if (this.connection !== connection) return consumer.close();
      connection.consumers.set(consumer.id, consumer);
      // Asked for before the page draws the track, which would hold the request back.
      const resumed = connection.channel.request("resumeConsumer", { consumerId: consumer.id });
      this.update({
        remote: [
          ...this.state.remote,
          {
            consumerId: consumer.id,
            producerId: params.producerId,
            peerId: params.peerId,
            kind: params.kind,
            source: params.source,
            track: consumer.track,
            paused: params.producerPaused,
            forwarded: params.forwarded,
            spatialLayer: null,
            score: null,
          },
        ],
      });
      await resumed;
    } catch (error) {
      connection.consuming.delete(producerId);
      // The producer may have closed meanwhile; anything else is worth seeing in the console.
      if (!(error instanceof RoomClientError && error.code === "PRODUCER_NOT_FOUND")) console.warn("[room-client] consume failed", error);
    }
  }

  private dropConsumer(consumerId: string): void {
    const consumer = this.connection?.consumers.get(consumerId);
    if (consumer) {
      consumer.close();
      this.connection?.consumers.delete(consumerId);
      this.connection?.consuming.delete(consumer.producerId);
    }
    this.renderedSizes.delete(consumerId);
    this.update({ remote: this.state.remote.filter((m) => m.consumerId !== consumerId) });
  }

  private signalingHandlers(): TSignalingHandlers {
    const room = <N extends TRoomEventName>(name: N) => (payload: TSignalingEvent<N>) => this.applyRoom(name, payload);
    return {
      peerJoined: room("peerJoined"),
      peerUpdated: (payload) => {
        this.applyRoom("peerUpdated", payload);
        if (payload.peer.peerId === this.state.selfPeerId) this.update({ selfRole: payload.peer.role, audioOnly: payload.peer.audioOnly });
      },
      peerLeft: room("peerLeft"),
      peerCount: room("peerCount"),
      producerAdded: (payload) => {
        this.applyRoom("producerAdded", payload);
        if (payload.producer.peerId !== this.state.selfPeerId) void this.consume(payload.producer.producerId);
      },
      producerUpdated: room("producerUpdated"),
      producerClosed: room("producerClosed"),
      activeSpeaker: room("activeSpeaker"),
      chatMessage: (payload) => {
        this.applyRoom("chatMessage", payload);
        this.emit("chatMessage", payload.message);
      },
      roomUpdated: room("roomUpdated"),
      rollCallUpdated: room("rollCallUpdated"),
      recordingStateChanged: room("recordingStateChanged"),
      consumerClosed: ({ consumerId }) => this.dropConsumer(consumerId),
      consumerPaused: ({ consumerId }) => this.patchRemote(consumerId, { paused: true }),
      consumerResumed: ({ consumerId }) => this.patchRemote(consumerId, { paused: false }),
      consumerForwarded: ({ consumerId, forwarded }) => this.patchRemote(consumerId, { forwarded }),
      consumerLayersChanged: ({ consumerId, spatialLayer }) => this.patchRemote(consumerId, { spatialLayer }),
      consumerScore: ({ consumerId, score }) => this.patchRemote(consumerId, { score }),
      mutedByHost: ({ source }) => {
        const local = this.state.local[source];
        // The server already paused the producer; mirror it so the buttons tell the truth.
        this.connection?.producers.get(source)?.pause();
        if (local) this.setLocal(source, { ...local, paused: true, mutedByHost: true });
        this.emit("mutedByHost", { source });
      },
      sessionEnded: ({ reason, code, message }) => {
        // ROOM_CLOSED means the media server lost the room (worker death): join again.
        if (reason === "ROOM_CLOSED") return;
        this.finish("ended", code ?? SESSION_END_CODES[reason], message);
      },
    };
  }

  private async sampleQuality(): Promise<void> {
    const connection = this.connection;
    if (!connection || this.state.status !== "joined") return;
    try {
      const report = await connection.recvTransport.getStats();
      const { totals, rttMs } = summarizeStats(report);
      const lossRatio = lossBetween(this.lastInbound, totals);
      this.lastInbound = totals;
      const scores = this.state.remote.map((m) => m.score).filter((s): s is number => s !== null);
      const quality = connectionQuality({ scores, rttMs, lossRatio });
      if (quality !== this.state.quality) this.update({ quality });
      this.watchVideo(report);
    } catch {
      // Stats of a transport closed by a reconnect in the meantime; the next sample will do.
    }
  }

  /** Switches to audio-only when the cameras this client receives stop moving or starve the sound. */
  private watchVideo(report: RTCStatsReport): void {
    const cameras = this.state.remote.filter((m) => m.kind === "video" && m.source === "camera");
    const cameraTracks = new Set(cameras.map((m) => m.track.id));
    const received = receivedTotals(report, Date.now(), (trackId) => cameraTracks.has(trackId));
    const rates = receivedRates(this.lastReceived, received);
    this.lastReceived = received;
    if (!rates) return;
    this.recentRates = [...this.recentRates, { ...rates, videoExpected: cameras.some((m) => !m.paused) }].slice(-WEAK_INTERVALS);
    if (this.autoAudioOnly && !this.state.audioOnly && videoCannotKeepUp(this.recentRates))
      void this.applyAudioOnly(true, true).catch(() => undefined);
  }

  // ——— state helpers ———

  private async call<N extends TSignalingRequestName>(name: N, payload: TSignalingRequest<N>): Promise<TSignalingResponse<N>> {
    if (!this.connection) throw this.report(new RoomClientError("NOT_CONNECTED"));
    try {
      return await this.connection.channel.request(name, payload);
    } catch (error) {
      throw this.report(error instanceof RoomClientError ? error : new RoomClientError("INTERNAL"));
    }
  }

  private report(error: RoomClientError): RoomClientError {
    this.emit("error", error);
    return error;
  }

  private applyRoom<N extends TRoomEventName>(name: N, payload: TSignalingEvent<N>): void {
    const { status, selfPeerId, selfRole, audioOnly, audioOnlyForWeakLink, local, remote, quality, ended, reconnectAttempt, ...room } = this.state;
    this.state = {
      ...applyRoomEvent(room, name, payload),
      ...{ status, selfPeerId, selfRole, audioOnly, audioOnlyForWeakLink, local, remote, quality, ended, reconnectAttempt },
    };
    this.emit("change", this.state);
  }

  private setLocal(source: TMediaSource, media: TLocalMedia): void {
    this.update({ local: { ...this.state.local, [source]: media } });
  }

  private patchRemote(consumerId: string, patch: Partial<TRemoteMedia>): void {
    if (!this.state.remote.some((m) => m.consumerId === consumerId)) return;
    this.update({ remote: this.state.remote.map((m) => (m.consumerId === consumerId ? { ...m, ...patch } : m)) });
  }

  private update(patch: Partial<TRoomSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.emit("change", this.state);
  }
}

import { randomUUID } from "node:crypto";
import type { types } from "mediasoup";
import { foldVietnamese } from "@diemcau/search/fold";
import {
  DEFAULT_VIDEO_SLOTS,
  mayPublish,
  type TJoinTokenClaims,
  type TMediaSource,
  type TMeetingRole,
  type TPeerInfo,
  type TSignalingEvent,
  type TSignalingEventName,
} from "@diemcau/protocol";

export type TProducerAppData = { peerId: string; source: TMediaSource };
export type TConsumerAppData = {
  peerId: string;
  producerPeerId: string;
  source: TMediaSource;
  /** What the subscriber asked for; the server may keep it paused anyway (audio-only mode). */
  clientPaused: boolean;
  /** In the subscriber's last-N selection (LastN.ts); the server pauses it otherwise. */
  forwarded: boolean;
  renderedHeight: number | null;
};
export type TTransportAppData = { peerId: string; direction: "send" | "recv" };
/** Browsers use WebRTC transports; light synthetic clients (the SFU load bench) plain RTP ones. */
export type TPeerTransport = types.WebRtcTransport<TTransportAppData> | types.PlainTransport<TTransportAppData>;

export type TPeerChannel = {
  notify<N extends TSignalingEventName>(event: N, data: TSignalingEvent<N>): void;
  disconnect(): void;
};

/** One participant's session in a room: identity, meeting state and the mediasoup objects it opened. */
export class Peer {
  readonly id = randomUUID();
  readonly userId: string;
  readonly displayName: string;
  /** The name folded for the participant list's search (diacritics dropped, lower case). */
  readonly foldedName: string;
  readonly bridgePointId: string | undefined;
  /** The invite that admitted this peer, if one did. */
  readonly inviteId: string | undefined;
  /** The schedule made this peer a host (its token says HOST); a host promoted in the room is not one. */
  readonly scheduledHost: boolean;
  /** A host of an event scheduled with recording: the recording starts when it joins. */
  readonly autoRecord: boolean;
  readonly joinedAt = new Date();
  role: TMeetingRole;
  handRaisedAt: Date | null = null;
  mutedByHost = false;
  /** A student in a lesson: its microphone and camera need the host's grant (the token says so). */
  readonly askToSpeak: boolean;
  speakGranted = false;
  /** Told to everyone in the room (Roster.ts); once announced, every change of it is broadcast. */
  announced = false;
  /** How many speakers' videos this peer shows (last-N). */
  videoSlots = DEFAULT_VIDEO_SLOTS;
  audioOnly: boolean;
  /** Latest bandwidth estimate toward this peer, from its recv transport. */
  availableBitrate: number | null = null;
  readonly transports = new Map<string, TPeerTransport>();
  readonly producers = new Map<string, types.Producer<TProducerAppData>>();
  readonly consumers = new Map<string, types.Consumer<TConsumerAppData>>();
  #closed = false;

  constructor(
    claims: TJoinTokenClaims,
    readonly rtpCapabilities: types.RtpCapabilities,
    audioOnly: boolean,
    readonly channel: TPeerChannel,
  ) {
    this.userId = claims.userId;
    this.displayName = claims.displayName;
    this.foldedName = foldVietnamese(claims.displayName);
    this.bridgePointId = claims.bridgePointId;
    this.inviteId = claims.inviteId;
    this.scheduledHost = claims.role === "HOST";
    this.autoRecord = this.scheduledHost && claims.autoRecord === true;
    this.role = claims.role;
    this.askToSpeak = claims.askToSpeak === true;
    this.audioOnly = audioOnly;
  }

  get closed(): boolean {
    return this.#closed;
  }

  notify<N extends TSignalingEventName>(event: N, data: TSignalingEvent<N>): void {
    if (!this.#closed) this.channel.notify(event, data);
  }

  mayPublish(source: TMediaSource): boolean {
    return mayPublish(this, source);
  }

  transportOf(direction: "send" | "recv"): TPeerTransport | undefined {
    for (const transport of this.transports.values()) if (transport.appData.direction === direction) return transport;
    return undefined;
  }

  info(): TPeerInfo {
    return {
      peerId: this.id,
      userId: this.userId,
      displayName: this.displayName,
      role: this.role,
      scheduledHost: this.scheduledHost,
      ...(this.bridgePointId ? { bridgePointId: this.bridgePointId } : {}),
      handRaisedAt: this.handRaisedAt?.toISOString() ?? null,
      mutedByHost: this.mutedByHost,
      askToSpeak: this.askToSpeak,
      speakGranted: this.speakGranted,
      audioOnly: this.audioOnly,
      joinedAt: this.joinedAt.toISOString(),
    };
  }

  /** Closing the transports closes every producer and consumer on them, in the worker too. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}

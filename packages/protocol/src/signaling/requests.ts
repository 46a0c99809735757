import { z } from "zod";
import { ZMeetingRoleSchema } from "../join-token";
import { ZRoomRecordingSchema } from "../recording";
import {
  ZDtlsParametersSchema,
  ZIceCandidateSchema,
  ZIceParametersSchema,
  ZIceServerSchema,
  ZMediaKindSchema,
  ZRtpCapabilitiesSchema,
  ZRtpParametersSchema,
} from "./mediasoup";
import { MAX_VIDEO_SLOTS, PEER_LIST_PAGE_MAX, PEER_SEARCH_MAX_LENGTH } from "./big-class";
import { CHAT_TEXT_MAX_LENGTH, ZChatMessageSchema, ZMediaSourceSchema, ZPeerInfoSchema, ZRollCallSchema, ZRoomStateSchema } from "./state";

const zId = z.string().min(1).max(128);
const zEmpty = z.object({}).strict();
const zTransportRef = z.object({ transportId: zId }).strict();
const zProducerRef = z.object({ producerId: zId }).strict();
const zConsumerRef = z.object({ consumerId: zId }).strict();
const zPeerRef = z.object({ peerId: zId }).strict();
const zNothing = z.object({});
const zVideoSlots = z.number().int().min(0).max(MAX_VIDEO_SLOTS);

/**
 * Every client → server request: socket.emit(name, payload, ack). The payload is validated with
 * `request`; the ack receives {ok:true, data} (data matches `response`) or {ok:false, error}.
 * Requests marked host-only are refused with FORBIDDEN for other roles.
 */
export const signalingRequests = {
  getRouterRtpCapabilities: {
    request: zEmpty,
    response: z.object({ rtpCapabilities: ZRtpCapabilitiesSchema }),
  },
  join: {
    request: z
      .object({ rtpCapabilities: ZRtpCapabilitiesSchema, audioOnly: z.boolean().optional(), videoSlots: zVideoSlots.optional() })
      .strict(),
    response: z.object({ peerId: zId, iceServers: z.array(ZIceServerSchema), room: ZRoomStateSchema }),
  },
  leave: { request: zEmpty, response: zNothing },
  createTransport: {
    request: z.object({ direction: z.enum(["send", "recv"]) }).strict(),
    response: z.object({
      transportId: zId,
      iceParameters: ZIceParametersSchema,
      iceCandidates: z.array(ZIceCandidateSchema),
      dtlsParameters: z.object({
        role: z.enum(["auto", "client", "server"]).optional(),
        fingerprints: z.array(z.object({ algorithm: z.string(), value: z.string() })),
      }),
      iceServers: z.array(ZIceServerSchema),
    }),
  },
  connectTransport: {
    request: z.object({ transportId: zId, dtlsParameters: ZDtlsParametersSchema }).strict(),
    response: zNothing,
  },
  /** With fresh ICE servers: a TURN credential is short-lived and may have expired since the transport was made. */
  restartIce: { request: zTransportRef, response: z.object({ iceParameters: ZIceParametersSchema, iceServers: z.array(ZIceServerSchema) }) },
  produce: {
    request: z
      .object({ transportId: zId, kind: ZMediaKindSchema, source: ZMediaSourceSchema, rtpParameters: ZRtpParametersSchema })
      .strict(),
    response: z.object({ producerId: zId }),
  },
  closeProducer: { request: zProducerRef, response: zNothing },
  pauseProducer: { request: zProducerRef, response: zNothing },
  resumeProducer: { request: zProducerRef, response: zNothing },
  /** Consumers start paused; call resumeConsumer once the client-side consumer exists. */
  consume: {
    request: zProducerRef,
    response: z.object({
      consumerId: zId,
      producerId: zId,
      peerId: zId,
      kind: ZMediaKindSchema,
      source: ZMediaSourceSchema,
      rtpParameters: ZRtpParametersSchema,
      type: z.enum(["simple", "simulcast", "svc", "pipe"]),
      producerPaused: z.boolean(),
      /** Whether the server forwards it now (last-N); `consumerForwarded` tells of changes. */
      forwarded: z.boolean(),
    }),
  },
  pauseConsumer: { request: zConsumerRef, response: zNothing },
  resumeConsumer: { request: zConsumerRef, response: zNothing },
  closeConsumer: { request: zConsumerRef, response: zNothing },
  /** The size the subscriber renders a video at; the server picks the simulcast layer from it and the bandwidth. */
  setConsumerRenderedSize: {
    request: z
      .object({ consumerId: zId, width: z.number().int().min(0).max(8192), height: z.number().int().min(0).max(8192) })
      .strict(),
    response: z.object({ spatialLayer: z.number().int().nonnegative() }),
  },
  /** Audio-only mode: the server stops sending this peer any video. */
  setAudioOnly: { request: z.object({ enabled: z.boolean() }).strict(), response: zNothing },
  /**
   * How many speakers' videos this client shows (last-N): the server forwards the cameras of the
   * `slots` most recent speakers and every screen share, and pauses the rest.
   */
  setVideoSlots: { request: z.object({ slots: zVideoSlots }).strict(), response: zNothing },
  raiseHand: { request: z.object({ raised: z.boolean() }).strict(), response: zNothing },
  /** One page of the participant list, searched by name ignoring Vietnamese diacritics, in list order. */
  listPeers: {
    request: z
      .object({
        query: z.string().max(PEER_SEARCH_MAX_LENGTH).optional(),
        offset: z.number().int().min(0).max(100_000),
        limit: z.number().int().min(1).max(PEER_LIST_PAGE_MAX),
      })
      .strict(),
    response: z.object({ peers: z.array(ZPeerInfoSchema), total: z.number().int().nonnegative(), offset: z.number().int().nonnegative() }),
  },
  sendChat: {
    request: z.object({ text: z.string().trim().min(1).max(CHAT_TEXT_MAX_LENGTH) }).strict(),
    response: z.object({ message: ZChatMessageSchema }),
  },
  getTransportStats: {
    request: zTransportRef,
    response: z.object({
      availableOutgoingBitrate: z.number().nullable(),
      recvBitrate: z.number().nullable(),
      sendBitrate: z.number().nullable(),
      iceState: z.string(),
      dtlsState: z.string(),
    }),
  },
  /** A bridge point answers the open roll call. */
  answerRollCall: { request: zEmpty, response: z.object({ rollCall: ZRollCallSchema }) },
  // Host-only requests.
  "host:mutePeer": { request: zPeerRef, response: zNothing },
  "host:muteAll": { request: zEmpty, response: z.object({ muted: z.number().int().nonnegative() }) },
  "host:stopVideo": { request: zPeerRef, response: zNothing },
  "host:lowerHand": { request: zPeerRef, response: zNothing },
  /** Gives a peer that must ask to speak the floor (and lowers its hand): it may then unmute. */
  "host:grantSpeak": { request: zPeerRef, response: z.object({ peer: ZPeerInfoSchema }) },
  /** Takes the floor back: its microphone and camera are paused, and it cannot resume them. */
  "host:revokeSpeak": { request: zPeerRef, response: z.object({ peer: ZPeerInfoSchema }) },
  "host:removePeer": { request: zPeerRef, response: zNothing },
  "host:setRole": { request: z.object({ peerId: zId, role: ZMeetingRoleSchema }).strict(), response: z.object({ peer: ZPeerInfoSchema }) },
  "host:lockRoom": { request: z.object({ locked: z.boolean() }).strict(), response: zNothing },
  "host:endMeeting": { request: zEmpty, response: zNothing },
  "host:startRollCall": {
    request: z
      .object({
        expectedBridgePointIds: z.array(zId).max(500),
        lateAfterSeconds: z.number().int().min(0).max(3600).optional(),
      })
      .strict(),
    response: z.object({ rollCall: ZRollCallSchema }),
  },
  "host:endRollCall": { request: zEmpty, response: z.object({ rollCall: ZRollCallSchema }) },
  /** Starts the server recording (no-op when one is running); every peer gets recordingStateChanged. */
  "host:startRecording": { request: zEmpty, response: z.object({ recording: ZRoomRecordingSchema }) },
  "host:stopRecording": { request: zEmpty, response: z.object({ recording: ZRoomRecordingSchema }) },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type TSignalingRequestName = keyof typeof signalingRequests;
export type TSignalingRequest<N extends TSignalingRequestName> = z.input<(typeof signalingRequests)[N]["request"]>;
export type TSignalingResponse<N extends TSignalingRequestName> = z.infer<(typeof signalingRequests)[N]["response"]>;

export function isSignalingRequestName(name: unknown): name is TSignalingRequestName {
  return typeof name === "string" && Object.hasOwn(signalingRequests, name);
}

/** Requests allowed before `join` succeeds; everything else answers NOT_JOINED. */
export const PRE_JOIN_REQUESTS: ReadonlySet<TSignalingRequestName> = new Set(["getRouterRtpCapabilities", "join"]);

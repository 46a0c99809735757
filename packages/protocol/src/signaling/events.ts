import { z } from "zod";
import { ZRoomRecordingSchema } from "../recording";
import { ZSignalingErrorCodeSchema } from "./errors";
import { ZChatMessageSchema, ZMediaSourceSchema, ZPeerInfoSchema, ZProducerInfoSchema, ZRollCallSchema } from "./state";

const zId = z.string().min(1).max(128);

/** Every server → client event: socket.on(name, (payload) => …). */
export const signalingEvents = {
  peerJoined: z.object({ peer: ZPeerInfoSchema }),
  peerUpdated: z.object({ peer: ZPeerInfoSchema }),
  peerLeft: z.object({ peerId: zId }),
  /** How many are in the room; coalesced, at most one every PEER_COUNT_INTERVAL_MS. */
  peerCount: z.object({ count: z.number().int().nonnegative() }),
  producerAdded: z.object({ producer: ZProducerInfoSchema }),
  producerUpdated: z.object({ producer: ZProducerInfoSchema }),
  producerClosed: z.object({ producerId: zId, peerId: zId }),
  /** The server closed one of your consumers (its producer went away, or you entered audio-only mode). */
  consumerClosed: z.object({ consumerId: zId }),
  consumerPaused: z.object({ consumerId: zId }),
  /**
   * The server started or stopped forwarding this consumer: you receive the videos of your last
   * `setVideoSlots` speakers, every screen share, and the audio of the most recent speakers only.
   */
  consumerForwarded: z.object({ consumerId: zId, forwarded: z.boolean() }),
  consumerResumed: z.object({ consumerId: zId }),
  consumerLayersChanged: z.object({
    consumerId: zId,
    spatialLayer: z.number().int().nullable(),
    temporalLayer: z.number().int().nullable(),
  }),
  /** Connection quality: mediasoup scores 0–10 of what you receive and of the sender's uplink. */
  consumerScore: z.object({ consumerId: zId, score: z.number(), producerScore: z.number() }),
  producerScore: z.object({ producerId: zId, score: z.number() }),
  activeSpeaker: z.object({ peerId: zId.nullable() }),
  chatMessage: z.object({ message: ZChatMessageSchema }),
  roomUpdated: z.object({ locked: z.boolean() }),
  rollCallUpdated: z.object({ rollCall: ZRollCallSchema }),
  /** The server recording started, stopped or failed: every peer shows the indicator from it. */
  recordingStateChanged: z.object({ recording: ZRoomRecordingSchema }),
  /** The host paused one of your producers; the client should reflect it in its buttons. */
  mutedByHost: z.object({ source: ZMediaSourceSchema }),
  /** Sent just before the server disconnects this socket. */
  sessionEnded: z.object({
    reason: z.enum(["REMOVED", "ROOM_ENDED", "ROOM_CLOSED", "REPLACED", "RATE_LIMITED"]),
    code: ZSignalingErrorCodeSchema.optional(),
    message: z.string(),
  }),
} as const satisfies Record<string, z.ZodType>;

export type TSignalingEventName = keyof typeof signalingEvents;
export type TSignalingEvent<N extends TSignalingEventName> = z.infer<(typeof signalingEvents)[N]>;

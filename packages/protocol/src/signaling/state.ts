import { z } from "zod";
import { ZMeetingRoleSchema } from "../join-token";
import { ZRoomRecordingSchema } from "../recording";
import { ZMediaKindSchema } from "./mediasoup";

const zId = z.string().min(1).max(128);

/** What a peer publishes: the microphone, the camera or a screen share. */
export const ZMediaSourceSchema = z.enum(["mic", "camera", "screen"]);
export type TMediaSource = z.infer<typeof ZMediaSourceSchema>;

export const ZPeerInfoSchema = z.object({
  peerId: zId,
  userId: zId,
  displayName: z.string(),
  role: ZMeetingRoleSchema,
  /** The schedule made this peer a host (not a promotion in the room): nobody can remove or demote it. */
  scheduledHost: z.boolean(),
  bridgePointId: zId.optional(),
  handRaisedAt: z.iso.datetime().nullable(),
  mutedByHost: z.boolean(),
  /** This peer publishes its microphone or camera only while the host grants it (a student in a lesson). */
  askToSpeak: z.boolean(),
  /** The host gave this peer the floor: it may unmute until the host takes it back. */
  speakGranted: z.boolean(),
  audioOnly: z.boolean(),
  joinedAt: z.iso.datetime(),
});
export type TPeerInfo = z.infer<typeof ZPeerInfoSchema>;

export const ZProducerInfoSchema = z.object({
  producerId: zId,
  peerId: zId,
  kind: ZMediaKindSchema,
  source: ZMediaSourceSchema,
  paused: z.boolean(),
});
export type TProducerInfo = z.infer<typeof ZProducerInfoSchema>;

export const CHAT_TEXT_MAX_LENGTH = 2000;

export const ZChatMessageSchema = z.object({
  id: zId,
  peerId: zId,
  userId: zId,
  displayName: z.string(),
  text: z.string().max(CHAT_TEXT_MAX_LENGTH),
  sentAt: z.iso.datetime(),
});
export type TChatMessage = z.infer<typeof ZChatMessageSchema>;

/** PENDING while the roll call is open and the bridge point has not answered; ABSENT once it is closed. */
export const ZRollCallStatusSchema = z.enum(["PRESENT", "LATE", "PENDING", "ABSENT"]);
export type TRollCallStatus = z.infer<typeof ZRollCallStatusSchema>;

export const ZRollCallSchema = z.object({
  id: zId,
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  lateAfterSeconds: z.number().int().nonnegative(),
  entries: z.array(
    z.object({
      bridgePointId: zId,
      /** false for a bridge point that answered without being on the schedule. */
      expected: z.boolean(),
      status: ZRollCallStatusSchema,
      displayName: z.string().nullable(),
      answeredAt: z.iso.datetime().nullable(),
    }),
  ),
});
export type TRollCall = z.infer<typeof ZRollCallSchema>;

export const ZRoomStateSchema = z.object({
  roomId: zId,
  locked: z.boolean(),
  activeSpeakerPeerId: zId.nullable(),
  /**
   * The peers announced to everyone, and yourself. A student who must ask to speak is announced
   * once it raises its hand or is given the floor; until then only `peerCount` and `listPeers` show it.
   */
  peers: z.array(ZPeerInfoSchema),
  /** Everyone in the room, announced or not. */
  peerCount: z.number().int().nonnegative(),
  producers: z.array(ZProducerInfoSchema),
  chat: z.array(ZChatMessageSchema),
  rollCall: ZRollCallSchema.nullable(),
  /** Absent from servers older than the recorder. */
  recording: ZRoomRecordingSchema.optional(),
});
export type TRoomState = z.infer<typeof ZRoomStateSchema>;

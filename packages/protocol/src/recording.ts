import { z } from "zod";

/**
 * What media-server's recorder tells web about a recording (POST /api/internal/recordings/events,
 * authenticated like the attendance endpoint). Events may arrive more than once (retries) and
 * `recording.segment` events may be dropped under load: each one carries the running totals, so
 * web only has to keep the latest.
 */
const zId = z.string().min(1).max(128);
const zAt = z.iso.datetime({ offset: true });
const zSeconds = z.number().nonnegative().finite();

/** Why a recording stopped: the host pressed stop, the host ended the meeting, or the room closed (everyone left). */
export const ZRecordingStopReasonSchema = z.enum(["host", "meeting-ended", "room-closed"]);
export type TRecordingStopReason = z.infer<typeof ZRecordingStopReasonSchema>;

/** Stable codes of a failed recording, shown to staff with the Vietnamese message. */
export const ZRecordingFailureCodeSchema = z.enum(["DISK_FULL", "FFMPEG_CRASHED", "FFMPEG_MISSING", "RECORDER_ERROR"]);
export type TRecordingFailureCode = z.infer<typeof ZRecordingFailureCodeSchema>;

export const RECORDING_FAILURE_MESSAGES: Record<TRecordingFailureCode, string> = {
  DISK_FULL: "Ổ đĩa lưu bản ghi đã đầy. Phần đã ghi được giữ lại; hãy giải phóng dung lượng.",
  FFMPEG_CRASHED: "Trình ghi hình (ffmpeg) dừng đột ngột nhiều lần liên tiếp. Phần đã ghi được giữ lại.",
  FFMPEG_MISSING: "Không tìm thấy ffmpeg trên máy chủ media.",
  RECORDER_ERROR: "Trình ghi hình gặp lỗi không mong đợi. Phần đã ghi được giữ lại.",
};

export const ZRecordingStartedEventSchema = z.object({
  type: z.literal("recording.started"),
  recordingId: zId,
  /** The room id: the Event's id. */
  roomId: zId,
  startedAt: zAt,
  /** Storage key prefix of this recording, "recordings/<recordingId>". */
  storagePrefix: z.string().min(1).max(256),
  /** Recorder run number: 1 for a new recording, more when a restarted media-server resumes it. */
  run: z.number().int().positive(),
});

export const ZRecordingSegmentEventSchema = z.object({
  type: z.literal("recording.segment"),
  recordingId: zId,
  run: z.number().int().positive(),
  /** File name inside live/, e.g. "seg-r1-00012.ts". */
  segment: z.string().min(1).max(128),
  durationSec: zSeconds,
  /** Sum of every segment's duration so far, all runs included. */
  totalDurationSec: zSeconds,
  /** Segments in the live playlist so far. */
  segmentCount: z.number().int().nonnegative(),
  at: zAt,
});

export const ZRecordingStoppedEventSchema = z.object({
  type: z.literal("recording.stopped"),
  recordingId: zId,
  stoppedAt: zAt,
  totalDurationSec: zSeconds,
  reason: ZRecordingStopReasonSchema,
});

export const ZRecordingFailedEventSchema = z.object({
  type: z.literal("recording.failed"),
  recordingId: zId,
  at: zAt,
  code: ZRecordingFailureCodeSchema,
  message: z.string().max(2000),
});

export const ZRecordingEventSchema = z.discriminatedUnion("type", [
  ZRecordingStartedEventSchema,
  ZRecordingSegmentEventSchema,
  ZRecordingStoppedEventSchema,
  ZRecordingFailedEventSchema,
]);
export type TRecordingEvent = z.infer<typeof ZRecordingEventSchema>;
export type TRecordingEventType = TRecordingEvent["type"];
export type TRecordingStartedEvent = z.infer<typeof ZRecordingStartedEventSchema>;
export type TRecordingSegmentEvent = z.infer<typeof ZRecordingSegmentEventSchema>;
export type TRecordingStoppedEvent = z.infer<typeof ZRecordingStoppedEventSchema>;
export type TRecordingFailedEvent = z.infer<typeof ZRecordingFailedEventSchema>;

/** Events are sent in order, in batches, so a backlog built while web was down drains in few requests. */
export const RECORDING_EVENTS_BATCH_MAX = 200;
export const ZRecordingEventBatchSchema = z.object({
  events: z.array(ZRecordingEventSchema).min(1).max(RECORDING_EVENTS_BATCH_MAX),
});
export type TRecordingEventBatch = z.infer<typeof ZRecordingEventBatchSchema>;

/** GET <media-server>/recordings/active (a request signed with MEDIA_SECRET, see internal-request.ts): recordings being written now. */
export const ZActiveRecordingsSchema = z.object({ recordingIds: z.array(zId) });
export type TActiveRecordings = z.infer<typeof ZActiveRecordingsSchema>;

/** Storage keys of a recording's live program, shared by recorder, finalizer and player. */
export const recordingKeys = {
  prefix: (recordingId: string) => `recordings/${recordingId}`,
  livePlaylist: (recordingId: string) => `recordings/${recordingId}/live/index.m3u8`,
  liveDir: (recordingId: string) => `recordings/${recordingId}/live`,
  recorderState: (recordingId: string) => `recordings/${recordingId}/recorder.json`,
  chat: (recordingId: string) => `recordings/${recordingId}/chat.json`,
};

/** The recorder's state file (recorder.json): lets a restarted media-server append to the same recording. */
export const ZRecorderStateSchema = z.object({
  recordingId: zId,
  roomId: zId,
  startedAt: zAt,
  runs: z.array(
    z.object({
      run: z.number().int().positive(),
      startedAt: zAt,
      offsetSec: zSeconds,
      /** The run's ffmpeg: a media-server started after a SIGKILL kills it if it still writes (orphaned). */
      pid: z.number().int().positive().optional(),
    }),
  ),
  stoppedAt: zAt.optional(),
  stopReason: ZRecordingStopReasonSchema.optional(),
  failed: z.object({ at: zAt, code: ZRecordingFailureCodeSchema }).optional(),
});
export type TRecorderState = z.infer<typeof ZRecorderStateSchema>;

/** Told to every peer of a room (signaling event recordingStateChanged, and in the room state). */
export const ZRoomRecordingSchema = z.object({
  active: z.boolean(),
  recordingId: zId.nullable(),
  startedAt: zAt.nullable(),
  /** Set when the recording stopped because it failed. */
  failureCode: ZRecordingFailureCodeSchema.nullable(),
});
export type TRoomRecording = z.infer<typeof ZRoomRecordingSchema>;

export const NOT_RECORDING: TRoomRecording = { active: false, recordingId: null, startedAt: null, failureCode: null };

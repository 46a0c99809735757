import { z } from "zod";

/**
 * Background jobs (pg-boss queues on the application's PostgreSQL, schema "pgboss"). Web and
 * worker both create the queues with these options (whichever starts first), so they must agree.
 */
export const JOB_QUEUES = {
  /**
   * Turns a stopped recording or an uploaded video into a playable material: the source rendition,
   * poster, master playlist, MP4 and thumbnails. Seconds, whatever the meeting's length (nothing
   * is re-encoded for a recorder's recording), so it never waits behind a long transcode.
   */
  recordingFinalize: {
    name: "recording.finalize",
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    // An upload that must be re-encoded takes longest; a dead worker's job is failed (and so
    // retried) by the sweep long before this, as soon as its advisory lock is gone.
    expireInSeconds: 2 * 60 * 60,
  },
  /** The 360p rendition of a finalized recording: a full decode and encode, queued by finalize. */
  recordingTranscode: {
    name: "recording.transcode",
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 6 * 60 * 60,
  },
  /**
   * Puts what only files hold (a recording's chat log) into the database for search, queued by
   * finalize; the material's own fields are in its search vector already (a generated column).
   */
  materialIndex: { name: "material.index", retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 10 * 60 },
  /** Cuts the download MP4 to a material's trim window, queued when a teacher changes the trim. */
  materialTrimDownload: {
    name: "material.trim-download",
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 60 * 60,
  },
  /** Reads the text of a document attached to a material (pdftotext), for search. */
  materialExtractAttachment: {
    name: "material.extract-attachment",
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 10 * 60,
  },
  /**
   * Writes and signs a material's manifest (the SHA-256 of every served file), queued whenever what
   * is served may have changed: finalize, the 360p transcode, a trim cut, publishing or editing a
   * published material. A no-op without a configured certificate.
   */
  materialSign: { name: "material.sign", retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 30 * 60 },
  /**
   * One schedule e-mail (a change notice with its iCalendar invitation) to one person,
   * through the department's SMTP server; a no-op when SMTP_URL is not set.
   */
  scheduleMail: { name: "schedule.mail", retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 5 * 60 },
  /**
   * Every minute while SMTP is configured and reminders are on (REMINDER_MINUTES_BEFORE): queues a
   * schedule.mail reminder to each person of each lesson or conference starting within the lead.
   */
  scheduleRemind: { name: "schedule.remind", retryLimit: 0, expireInSeconds: 5 * 60 },
  /**
   * Speech to text of a finalized recording with the configured engine (WHISPER_MODEL), queued
   * after finalize, on its own queue, so it never delays playback: minutes to hours on a CPU.
   */
  materialTranscribe: {
    name: "material.transcribe",
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 12 * 60 * 60,
  },
  /** What was on screen: slide changes found by scene detection and read by OCR, queued after finalize. */
  materialSlides: { name: "material.slides", retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 2 * 60 * 60 },
  /**
   * Publishes a news article about a material to the portal, queued when staff ask. Retried with
   * backoff while the portal is unreachable or failing; the article's idempotency key (stored with
   * the NewsLink) makes every attempt find what an earlier one made.
   */
  newsPublish: { name: "news.publish", retryLimit: 4, retryDelay: 30, retryBackoff: true, expireInSeconds: 10 * 60 },
  /** Polls the portal's feed for articles related to materials (a cron while NEWS_FEED_URL is set). */
  newsPoll: { name: "news.poll", retryLimit: 0, expireInSeconds: 5 * 60 },
  /** Every minute: recordings whose recorder died, finalize or transcode jobs whose worker died, downloads left uncut. */
  recordingSweep: { name: "recording.sweep", retryLimit: 0, expireInSeconds: 5 * 60 },
} as const;
export type TJobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES]["name"];

export const ZRecordingFinalizeJobSchema = z.object({
  recordingId: z.string().min(1).max(128),
  /** "upload": a teacher's video file to transcode; default: the recorder's live HLS. */
  source: z.enum(["recorder", "upload"]).default("recorder"),
  /**
   * Storage key of the uploaded file ("uploads/<id>/original.<ext>"). When absent the finalizer
   * looks for "original.*" under the recording's storagePrefix, then under uploads/<recordingId>/.
   */
  uploadKey: z.string().min(1).max(1024).optional(),
});
export type TRecordingFinalizeJob = z.input<typeof ZRecordingFinalizeJobSchema>;

export const ZRecordingTranscodeJobSchema = z.object({ recordingId: z.string().min(1).max(128) });
export type TRecordingTranscodeJob = z.infer<typeof ZRecordingTranscodeJobSchema>;

export const ZMaterialIndexJobSchema = z.object({ materialId: z.string().min(1).max(128) });
export type TMaterialIndexJob = z.infer<typeof ZMaterialIndexJobSchema>;

export const ZMaterialExtractAttachmentJobSchema = z.object({ attachmentId: z.string().min(1).max(128) });
export type TMaterialExtractAttachmentJob = z.infer<typeof ZMaterialExtractAttachmentJobSchema>;

/** Where a material's attached document is stored (media storage). */
export const attachmentKey = (materialId: string, attachmentId: string) => `materials/${materialId}/attachments/${attachmentId}.pdf`;

export const ZMaterialTrimDownloadJobSchema = z.object({ materialId: z.string().min(1).max(128) });
export type TMaterialTrimDownloadJob = z.infer<typeof ZMaterialTrimDownloadJobSchema>;

export const ZMaterialSignJobSchema = z.object({ materialId: z.string().min(1).max(128) });
export type TMaterialSignJob = z.infer<typeof ZMaterialSignJobSchema>;

export const ZScheduleMailJobSchema = z.object({
  to: z.object({ name: z.string().max(200), email: z.email() }),
  subject: z.string().min(1).max(300),
  text: z.string().max(20_000),
  /** The invitation: an RFC 5545 calendar with METHOD:REQUEST or METHOD:CANCEL (RFC 5546). */
  calendar: z.object({ method: z.enum(["REQUEST", "CANCEL"]), content: z.string().min(1).max(200_000) }),
});
export type TScheduleMailJob = z.infer<typeof ZScheduleMailJobSchema>;

export const ZMaterialTranscribeJobSchema = z.object({ materialId: z.string().min(1).max(128) });
export type TMaterialTranscribeJob = z.infer<typeof ZMaterialTranscribeJobSchema>;

export const ZMaterialSlidesJobSchema = z.object({ materialId: z.string().min(1).max(128) });
export type TMaterialSlidesJob = z.infer<typeof ZMaterialSlidesJobSchema>;

export const ZNewsPublishJobSchema = z.object({ newsLinkId: z.string().min(1).max(128) });
export type TNewsPublishJob = z.infer<typeof ZNewsPublishJobSchema>;

/** The scheduled sweep and the news poll carry nothing (pg-boss may pass null). */
export const ZRecordingSweepJobSchema = z.looseObject({}).nullish();
export type TRecordingSweepJob = z.infer<typeof ZRecordingSweepJobSchema>;
export const ZNewsPollJobSchema = ZRecordingSweepJobSchema;

/**
 * Storage keys of what the finalizer writes (next to live/ from the recorder), in this order:
 * hls/source + poster.jpg + hls/master.m3u8, then Recording.status = READY (playable, about a
 * second after the job starts, whatever the length); download.mp4, then Material.hasMp4 = true;
 * thumbs/ (sprites + thumbnails.vtt, present once the VTT exists). The transcode job then writes
 * hls/360p and adds it to the master. Recording.finalizedAt and progress 100 come last. The
 * player serves hls/master.m3u8.
 */
export const finalRecordingKeys = {
  master: (recordingId: string) => `recordings/${recordingId}/hls/master.m3u8`,
  sourcePlaylist: (recordingId: string) => `recordings/${recordingId}/hls/source/index.m3u8`,
  sourceDir: (recordingId: string) => `recordings/${recordingId}/hls/source`,
  lowPlaylist: (recordingId: string) => `recordings/${recordingId}/hls/360p/index.m3u8`,
  lowDir: (recordingId: string) => `recordings/${recordingId}/hls/360p`,
  mp4: (recordingId: string) => `recordings/${recordingId}/download.mp4`,
  poster: (recordingId: string) => `recordings/${recordingId}/poster.jpg`,
  thumbsDir: (recordingId: string) => `recordings/${recordingId}/thumbs`,
  thumbnailsVtt: (recordingId: string) => `recordings/${recordingId}/thumbs/thumbnails.vtt`,
  /** The transcription engine's captions, written by material.transcribe beside the media. */
  asrVtt: (recordingId: string) => `recordings/${recordingId}/captions/asr.vtt`,
};

/** Stable codes of a finalize that failed for good (Recording.errorCode, status FAILED). */
export const ZFinalizeFailureCodeSchema = z.enum([
  "NO_MEDIA",
  "UPLOAD_NOT_VIDEO",
  "UPLOAD_MISSING",
  "FINALIZE_DISK_FULL",
  "FINALIZE_FAILED",
]);
export type TFinalizeFailureCode = z.infer<typeof ZFinalizeFailureCodeSchema>;

export const FINALIZE_FAILURE_MESSAGES: Record<TFinalizeFailureCode, string> = {
  NO_MEDIA: "Bản ghi không có đoạn hình nào để xử lý.",
  UPLOAD_NOT_VIDEO: "Tệp tải lên không phải là video hợp lệ.",
  UPLOAD_MISSING: "Không tìm thấy tệp video đã tải lên.",
  FINALIZE_DISK_FULL: "Ổ đĩa đã đầy khi xử lý bản ghi. Bản ghi gốc được giữ nguyên; hãy giải phóng dung lượng rồi xử lý lại.",
  FINALIZE_FAILED: "Xử lý bản ghi thất bại sau nhiều lần thử. Hãy báo quản trị viên.",
};

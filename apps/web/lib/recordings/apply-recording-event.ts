import type { Db } from "@diemcau/db";
import { RECORDING_FAILURE_MESSAGES, recordingKeys, type TRecordingEvent } from "@diemcau/protocol";

/** Queues the finalize job of a recording that just stopped. */
export type TEnqueueFinalize = (recordingId: string) => Promise<unknown>;

/**
 * Applies one recorder event. Every branch is idempotent (events are retried and may repeat):
 * segments only move the totals forward, and only the transitions out of RECORDING (stopped, or
 * failed) queue the finalize job, so a repeated event never queues a second one.
 */
export async function applyRecordingEvent(db: Db, event: TRecordingEvent, enqueueFinalize: TEnqueueFinalize): Promise<void> {
  switch (event.type) {
    case "recording.started": {
      // Join tokens carry the event's roomName; an event id is accepted as well.
      const room = await db.event.findFirst({
        where: { OR: [{ roomName: event.roomId }, { id: event.roomId }] },
        select: { id: true },
      });
      await db.recording.upsert({
        where: { id: event.recordingId },
        create: {
          id: event.recordingId,
          eventId: room?.id ?? null,
          status: "RECORDING",
          storagePrefix: event.storagePrefix,
          startedAt: new Date(event.startedAt),
        },
        // A later run (media-server restarted) resumes the same row.
        update: { storagePrefix: event.storagePrefix },
      });
      return;
    }
    case "recording.segment": {
      const at = new Date(event.at);
      await db.recording.updateMany({
        where: { id: event.recordingId, OR: [{ lastSegmentAt: null }, { lastSegmentAt: { lt: at } }] },
        data: { lastSegmentAt: at, durationSec: event.totalDurationSec, segmentCount: event.segmentCount },
      });
      return;
    }
    case "recording.stopped": {
      const endedAt = new Date(event.stoppedAt);
      const data = { status: "PROCESSING" as const, endedAt, durationSec: event.totalDurationSec, progress: 0 };
      const existing = await db.recording.findUnique({ where: { id: event.recordingId }, select: { id: true } });
      if (!existing) {
        // `recording.started` was lost for good; the files still name the recording.
        await db.recording.create({ data: { id: event.recordingId, storagePrefix: recordingKeys.prefix(event.recordingId), ...data } });
      } else {
        const moved = await db.recording.updateMany({ where: { id: event.recordingId, status: "RECORDING" }, data });
        if (moved.count === 0) return;
      }
      try {
        await enqueueFinalize(event.recordingId);
      } catch (error) {
        // Put it back so the retried event (or the worker's sweep) queues it later.
        await db.recording.update({ where: { id: event.recordingId }, data: { status: "RECORDING", endedAt: null } });
        throw error;
      }
      return;
    }
    case "recording.failed": {
      const message = event.message ? `${RECORDING_FAILURE_MESSAGES[event.code]} (${event.message})` : RECORDING_FAILURE_MESSAGES[event.code];
      const failure = { status: "FAILED" as const, errorCode: event.code, error: message, endedAt: new Date(event.at) };
      const existing = await db.recording.findUnique({ where: { id: event.recordingId }, select: { id: true } });
      if (!existing) {
        await db.recording.create({ data: { id: event.recordingId, storagePrefix: recordingKeys.prefix(event.recordingId), ...failure } });
      } else {
        // Only a recording still being written fails: a late or replayed report never turns one
        // that is finalizing or already plays back into FAILED.
        const moved = await db.recording.updateMany({ where: { id: event.recordingId, status: "RECORDING" }, data: failure });
        if (moved.count === 0) return;
      }
      // What the recorder kept before it failed still becomes a material (it stays FAILED, with
      // the reason, when nothing was kept).
      await enqueueFinalize(event.recordingId);
      return;
    }
  }
}

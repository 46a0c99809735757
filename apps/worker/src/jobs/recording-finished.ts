import type { Db } from "@diemcau/db";
import { ZFinalizeFailureCodeSchema } from "@diemcau/protocol";

/** Every output exists: Recording.finalizedAt, progress 100, and an earlier attempt's failure cleared. */
export async function markRecordingFinished(db: Db, recordingId: string): Promise<void> {
  await db.recording.update({ where: { id: recordingId }, data: { finalizedAt: new Date(), progress: 100 } });
  // An earlier attempt's failure is void now; a recorder's own failure code (e.g. DISK_FULL while recording) stays.
  await db.recording.updateMany({
    where: { id: recordingId, errorCode: { in: ZFinalizeFailureCodeSchema.options } },
    data: { errorCode: null, error: null },
  });
}

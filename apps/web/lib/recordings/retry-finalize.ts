import type { Db } from "@diemcau/db";
import { AppError, notFound } from "../errors/app-error";

/**
 * Staff ask the worker to finalize a FAILED recording again (after freeing disk space, say): what
 * the recorder kept becomes a material, or it fails again with the reason. Finalize skips every
 * step whose output exists, so a retry costs only what is missing.
 */
export async function retryFinalize(db: Db, recordingId: string, enqueueFinalize: (recordingId: string) => Promise<unknown>): Promise<{ queued: true }> {
  const recording = await db.recording.findUnique({ where: { id: recordingId }, select: { status: true } });
  if (!recording) throw notFound("Bản ghi", "RECORDING_NOT_FOUND");
  if (recording.status !== "FAILED") {
    throw new AppError("RECORDING_NOT_FAILED", "Bản ghi này không ở trạng thái lỗi nên không cần hoàn tất lại.", 409);
  }
  await enqueueFinalize(recordingId);
  return { queued: true };
}

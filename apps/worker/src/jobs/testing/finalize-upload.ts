import { copyFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { recordingKeys } from "@diemcau/protocol";
import type { JobTestBed } from "./job-test-bed";
import { finalizeRecording } from "../finalize-recording";

/** A video file as an uploaded material, finalized as the worker does it; returns the material's id. */
export async function finalizeUploadedVideo(bed: JobTestBed, videoPath: string): Promise<{ materialId: string; recordingId: string }> {
  const teacher = await bed.db.user.create({ data: { email: `gv-${Math.random().toString(36).slice(2)}@example.test`, name: "Cô Lan", passwordHash: "x", role: "TEACHER" } });
  const recording = await bed.db.recording.create({ data: { source: "UPLOAD", status: "PROCESSING", endedAt: new Date() } });
  await bed.db.recording.update({ where: { id: recording.id }, data: { storagePrefix: recordingKeys.prefix(recording.id) } });
  await bed.db.material.create({ data: { title: "Bài 3: Quy đồng mẫu số", ownerId: teacher.id, recordingId: recording.id } });
  const uploadKey = `uploads/${recording.id}/original.mp4`;
  await mkdir(dirname(bed.local.localPath(uploadKey)), { recursive: true });
  await copyFile(videoPath, bed.local.localPath(uploadKey));
  const result = await finalizeRecording(
    { ...bed.files(), enqueueTranscode: async () => undefined, enqueueIndex: async () => undefined },
    { recordingId: recording.id, source: "upload", uploadKey },
  );
  return { materialId: result.materialId, recordingId: recording.id };
}

import { randomUUID } from "node:crypto";
import { mkdir, rm, statfs } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import type { Db } from "@diemcau/db";
import { recordingKeys, type TRecordingFinalizeJob } from "@diemcau/protocol";
import type { LocalDiskStorage } from "@diemcau/storage";
import { AppError } from "../errors/app-error";
import type { TAccessViewer } from "./material-access";
import { isPlayableVideo } from "./probe-video";

export interface TUploadDeps {
  db: Db;
  storage: LocalDiskStorage;
  maxBytes: number;
  /** What one person's uploads may take in all (their originals, then their materials' MP4s). */
  quotaBytes: number;
  /** Free space the disk keeps after an upload, for recordings in progress and their finalizing. */
  diskReserveBytes: number;
  enqueueFinalize: (job: TRecordingFinalizeJob) => Promise<unknown>;
}

class TooLarge extends Error {}

/** Bytes the viewer's uploads take now: what was received, replaced by the MP4's size once finalized. */
async function usedUploadBytes(db: Db, ownerId: string): Promise<number> {
  const { _sum } = await db.recording.aggregate({ where: { source: "UPLOAD", material: { ownerId } }, _sum: { sizeBytes: true } });
  return Number(_sum.sizeBytes ?? 0);
}

async function freeDiskBytes(path: string): Promise<number> {
  await mkdir(path, { recursive: true });
  const info = await statfs(path);
  return info.bavail * info.bsize;
}

function isDiskFull(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOSPC";
}

function formatSize(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/**
 * POST /api/materials/upload?title=…&filename=…: the request body is the file itself, streamed to
 * uploads/<id>/original.<ext> (never held in memory), checked with ffprobe, then a Recording
 * (source UPLOAD) and its Material are created and the finalizer transcodes it.
 */
export async function uploadMaterial(request: Request, viewer: TAccessViewer, deps: TUploadDeps): Promise<{ materialId: string }> {
  const url = new URL(request.url);
  const title = (url.searchParams.get("title") ?? "").trim();
  if (!title || title.length > 200) throw new AppError("UPLOAD_TITLE_REQUIRED", "Vui lòng nhập tiêu đề (tối đa 200 ký tự).", 400, "title");
  const tooLarge = () =>
    new AppError("UPLOAD_TOO_LARGE", `Tệp quá lớn. Dung lượng tối đa ${formatSize(deps.maxBytes)}.`, 413, "file", [], { max: formatSize(deps.maxBytes) });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > deps.maxBytes) throw tooLarge();
  if (!request.body) throw new AppError("UPLOAD_EMPTY", "Chưa chọn tệp video.", 400, "file");
  const quotaLeft = deps.quotaBytes - (await usedUploadBytes(deps.db, viewer.id));
  const overQuota = () =>
    new AppError("UPLOAD_QUOTA_EXCEEDED", `Bạn đã dùng hết dung lượng tải lên (${formatSize(deps.quotaBytes)}). Hãy xóa bớt học liệu cũ hoặc liên hệ quản trị viên.`, 413, "file", [], {
      quota: formatSize(deps.quotaBytes),
    });
  if (quotaLeft <= 0 || declared > quotaLeft) throw overQuota();
  const diskFull = () =>
    new AppError("UPLOAD_DISK_FULL", "Máy chủ không còn đủ dung lượng để nhận tệp này. Vui lòng báo quản trị viên.", 507, "file");
  // A chunked body says nothing of its size: it may take up to the per-file limit.
  if ((await freeDiskBytes(deps.storage.root)) - deps.diskReserveBytes < (declared || deps.maxBytes)) throw diskFull();
  const limit = Math.min(deps.maxBytes, quotaLeft);

  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(url.searchParams.get("filename") ?? "")?.[1]?.toLowerCase() ?? "bin";
  const recordingId = randomUUID();
  const uploadKey = `uploads/${recordingId}/original.${extension}`;
  const folder = dirname(deps.storage.localPath(uploadKey));
  let received = 0;
  const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
  // Counts while streaming, so an oversized body without a Content-Length stops at the limit.
  const limited = Readable.from(
    (async function* () {
      for await (const chunk of body as AsyncIterable<Uint8Array>) {
        received += chunk.byteLength;
        if (received > limit) throw new TooLarge();
        yield chunk;
      }
    })(),
  );
  try {
    await deps.storage.put(uploadKey, limited);
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    if (error instanceof TooLarge) throw received > quotaLeft ? overQuota() : tooLarge();
    if (isDiskFull(error)) throw diskFull();
    throw error;
  }
  if (received === 0 || !(await isPlayableVideo(deps.storage.localPath(uploadKey)))) {
    await rm(folder, { recursive: true, force: true });
    throw new AppError("UPLOAD_NOT_VIDEO", "Tệp tải lên không phải là video hợp lệ. Hãy chọn tệp video (ví dụ MP4, WebM, MOV).", 400, "file");
  }

  const subject = url.searchParams.get("subject")?.trim() || null;
  const gradeParam = Number(url.searchParams.get("grade"));
  const grade = Number.isInteger(gradeParam) && gradeParam >= 1 && gradeParam <= 12 ? gradeParam : null;
  const material = await deps.db.$transaction(async (tx) => {
    await tx.recording.create({
      data: {
        id: recordingId,
        source: "UPLOAD",
        status: "PROCESSING",
        storagePrefix: recordingKeys.prefix(recordingId),
        endedAt: new Date(),
        // Counts toward the owner's quota until finalize replaces it with the MP4's size.
        sizeBytes: received,
      },
    });
    return tx.material.create({ data: { title, subject, grade, ownerId: viewer.id, recordingId, visibility: "INTERNAL" } });
  });
  await deps.enqueueFinalize({ recordingId, source: "upload", uploadKey });
  return { materialId: material.id };
}

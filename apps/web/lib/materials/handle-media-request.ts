import type { Db } from "@diemcau/db";
import type { StorageSetup } from "@diemcau/storage";
import { apiError } from "../api/api-error";
import { liveSegmentCache } from "../recordings/live-segment-cache";
import { loadMaterialAccess, type TAccessViewer } from "./material-access";
import { serveStorageFile } from "./serve-storage-file";

/** Files of a recording that players may fetch: renditions, live program, thumbnails, poster, MP4. */
const SERVABLE = /^(?:(?:hls|live|thumbs)\/[A-Za-z0-9._/-]+\.(?:m3u8|ts|m4s|mp4|jpg|vtt)|poster\.jpg|download\.mp4)$/;

/**
 * GET /media/<materialId>/<path>: one file of a material's recording after checking the viewer
 * may watch it. A non-viewer gets 404 rather than 403 so ids of private materials leak nothing.
 */
export async function handleMediaRequest(
  request: Request,
  { db, storage, viewer, materialId, path }: { db: Db; storage: StorageSetup; viewer: TAccessViewer | null; materialId: string; path: string[] },
): Promise<Response> {
  const relative = path.join("/");
  if (!SERVABLE.test(relative) || relative.split("/").some((part) => part === ".." || part === ".")) {
    return apiError(404, "MEDIA_NOT_FOUND", "Không tìm thấy tệp phương tiện.");
  }
  const access = await loadMaterialAccess(db, materialId, viewer);
  if (!access?.canView || !access.storagePrefix) return apiError(404, "MEDIA_NOT_FOUND", "Không tìm thấy tệp phương tiện.");
  const isDownload = relative === "download.mp4";
  if (isDownload && !access.allowDownload && !access.canEdit) {
    return apiError(403, "MEDIA_DOWNLOAD_DISABLED", "Học liệu này không cho phép tải về.");
  }
  // Never the old file, which still holds what the teacher trimmed away.
  if (isDownload && !access.downloadMatchesTrim) {
    return apiError(409, "MEDIA_DOWNLOAD_PREPARING", "Bản tải về đang được cắt theo đoạn đã chọn, vui lòng thử lại sau ít phút.");
  }
  const key = `${access.storagePrefix}/${relative}`;
  const scope = viewer ? "private" : "public";
  // Anonymous viewers see only public materials: a portal's sandboxed embed may read them.
  const anyOrigin = !viewer;
  if (relative.startsWith("live/")) {
    // Live files stay on local disk; the playlist grows every segment, so it must not be cached.
    const isPlaylist = relative.endsWith(".m3u8");
    return serveStorageFile(request, storage.local, key, {
      cacheControl: isPlaylist ? "no-cache" : `${scope}, max-age=86400`,
      memory: liveSegmentCache,
      anyOrigin,
    });
  }
  return serveStorageFile(request, storage.media, key, {
    // The MP4 is cut again when the trim changes: revalidated by its ETag, never kept as immutable.
    cacheControl: relative.endsWith(".m3u8") ? `${scope}, max-age=60` : isDownload ? `${scope}, no-cache` : `${scope}, max-age=31536000, immutable`,
    downloadName: isDownload && new URL(request.url).searchParams.has("download") ? `${materialId}.mp4` : undefined,
    anyOrigin,
  });
}

import type { Db } from "@diemcau/db";
import { writeVodPlaylist } from "@diemcau/protocol";
import type { StorageSetup } from "@diemcau/storage";
import { AppError } from "../errors/app-error";
import { loadMaterialAccess, type TAccessViewer } from "./material-access";
import { serveStorageFile } from "./serve-storage-file";
import { trimmedRendition } from "./trimmed-rendition";

/**
 * Files of a recording that players may fetch: the master playlist, each rendition's playlist and
 * segments, thumbnails, poster, MP4. The recorder's live folder is not among them: once a
 * recording is a material, it is served only through its finished, trimmed renditions.
 */
const SERVABLE = /^(?:hls\/master\.m3u8|hls\/(?<rendition>[A-Za-z0-9_-]+)\/(?<file>[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:m3u8|ts|m4s))|thumbs\/[A-Za-z0-9_-]+\.(?:jpg|vtt)|poster\.jpg|download\.mp4)$/;

const notFound = () => new AppError("MEDIA_NOT_FOUND", "Không tìm thấy tệp phương tiện.", 404);

/**
 * GET /media/<materialId>/<path>: one file of a material's recording after checking the viewer may
 * watch it (404 otherwise, so ids of private materials leak nothing), within the material's trim
 * window: rendition playlists are rewritten to the window, segments outside it are refused, and
 * thumbnails and poster wait until they are made again for a new window, as the MP4 does.
 */
export async function handleMediaRequest(request: Request, options: TMediaRequest): Promise<Response> {
  const response = await serveMaterialFile(request, options);
  // Anonymous viewers get only public materials: a portal's sandboxed embed (an opaque origin) may read them.
  if (!options.viewer) response.headers.set("access-control-allow-origin", "*");
  return response;
}

type TMediaRequest = { db: Db; storage: StorageSetup; viewer: TAccessViewer | null; materialId: string; path: string[] };

async function serveMaterialFile(request: Request, { db, storage, viewer, materialId, path }: TMediaRequest): Promise<Response> {
  const relative = path.join("/");
  const match = SERVABLE.exec(relative);
  if (!match) throw notFound();
  const access = await loadMaterialAccess(db, materialId, viewer);
  if (!access?.canView || !access.storagePrefix) throw notFound();
  const key = `${access.storagePrefix}/${relative}`;
  // Shared caches keep anonymous responses only briefly: a material can be unpublished.
  const immutable = viewer ? "private, max-age=31536000, immutable" : "public, max-age=300";
  const revalidate = viewer ? "private, no-cache" : "public, no-cache";

  if (relative === "download.mp4") {
    if (!access.allowDownload && !access.canEdit) {
      throw new AppError("MEDIA_DOWNLOAD_DISABLED", "Học liệu này không cho phép tải về.", 403);
    }
    // Never the old file, which still holds what the teacher trimmed away.
    if (!access.downloadMatchesTrim) {
      throw new AppError("MEDIA_DOWNLOAD_PREPARING", "Bản tải về đang được cắt theo đoạn đã chọn, vui lòng thử lại sau ít phút.", 409);
    }
    return serveStorageFile(request, storage.media, key, {
      // Cut again when the trim changes: revalidated by its ETag, never kept as immutable.
      cacheControl: revalidate,
      downloadName: new URL(request.url).searchParams.has("download") ? `${materialId}.mp4` : undefined,
    });
  }
  if (relative === "poster.jpg" || relative.startsWith("thumbs/")) {
    // Made from the MP4: until it is cut to a new window they still show what was trimmed away.
    if (!access.downloadMatchesTrim) throw notFound();
    return serveStorageFile(request, storage.media, key, { cacheControl: revalidate });
  }
  const { rendition, file } = match.groups ?? {};
  if (!rendition || !file) return serveStorageFile(request, storage.media, key, { cacheControl: revalidate });

  const window = await trimmedRendition(storage.media, `${access.storagePrefix}/hls/${rendition}/index.m3u8`, access);
  if (!window) throw notFound();
  if (file === "index.m3u8") {
    return new Response(request.method === "HEAD" ? null : writeVodPlaylist(window.segments), {
      headers: { "content-type": "application/vnd.apple.mpegurl", "cache-control": revalidate },
    });
  }
  if (!window.segments.some((segment) => segment.uri === file)) {
    throw new AppError("MEDIA_OUTSIDE_TRIM", "Đoạn này đã được cắt khỏi học liệu.", 403);
  }
  return serveStorageFile(request, storage.media, key, { cacheControl: immutable });
}

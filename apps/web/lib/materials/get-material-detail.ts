import type { Db } from "@diemcau/db";
import type { StorageSetup } from "@diemcau/storage";

/**
 * The best playlist there is now: the master (all renditions) once the finalizer wrote it, else
 * the remuxed source, else the recorder's live playlist, so the page plays seconds after the end.
 */
const PLAYLISTS = [
  { path: "hls/master.m3u8", storage: "media" },
  { path: "hls/source/index.m3u8", storage: "media" },
  { path: "live/index.m3u8", storage: "local" },
] as const;

async function exists(storage: StorageSetup, which: "media" | "local", key: string): Promise<boolean> {
  return (await storage[which].stat(key)) !== null;
}

export async function getMaterialDetail(db: Db, storage: StorageSetup, materialId: string) {
  const material = await db.material.findUnique({
    where: { id: materialId },
    include: {
      owner: { select: { name: true } },
      recording: { include: { event: { select: { id: true, title: true, startsAt: true, kind: true } } } },
      chapters: { orderBy: { startSec: "asc" } },
      documentLinks: { orderBy: { createdAt: "asc" } },
      attachments: { where: { status: { not: "FAILED" } }, select: { id: true, fileName: true }, orderBy: { createdAt: "asc" } },
      _count: { select: { transcript: true } },
    },
  });
  if (!material) return null;
  const prefix = material.recording?.storagePrefix ?? null;
  let playlistPath: string | null = null;
  let hasThumbnails = false;
  if (prefix) {
    for (const candidate of PLAYLISTS) {
      if (await exists(storage, candidate.storage, `${prefix}/${candidate.path}`)) {
        playlistPath = candidate.path;
        break;
      }
    }
    hasThumbnails = await exists(storage, "media", `${prefix}/thumbs/thumbnails.vtt`);
  }
  const hasMp4 = material.hasMp4 || (prefix ? await exists(storage, "media", `${prefix}/download.mp4`) : false);
  return { material, playlistPath, hasThumbnails, hasMp4, hasCaptions: material._count.transcript > 0 };
}
export type TMaterialDetail = NonNullable<Awaited<ReturnType<typeof getMaterialDetail>>>;

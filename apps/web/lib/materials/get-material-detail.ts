import type { Db } from "@diemcau/db";
import type { StorageSetup } from "@diemcau/storage";
import { loadClipTimeline } from "./clip-timeline";

/**
 * The best playlist there is now: the master (all renditions) once the finalizer wrote it, else
 * the source rendition, which the finalizer links from the recorder's segments within a second or
 * two of the end (the live folder itself is never served for a material).
 */
const PLAYLISTS = ["hls/master.m3u8", "hls/source/index.m3u8"] as const;

async function exists(storage: StorageSetup, key: string): Promise<boolean> {
  return (await storage.media.stat(key)) !== null;
}

export async function getMaterialDetail(db: Db, storage: StorageSetup, materialId: string) {
  const material = await db.material.findUnique({
    where: { id: materialId },
    include: {
      owner: { select: { name: true } },
      recording: { include: { event: { select: { id: true, title: true, startsAt: true, kind: true } } } },
      chapters: { orderBy: { startSec: "asc" } },
      signature: { select: { signerName: true, signedAt: true } },
      _count: { select: { transcript: { where: { source: { not: "SLIDE" } } } } },
    },
  });
  if (!material) return null;
  const prefix = material.recording?.storagePrefix ?? null;
  let playlistPath: string | null = null;
  let hasThumbnails = false;
  if (prefix) {
    for (const candidate of PLAYLISTS) {
      if (await exists(storage, `${prefix}/${candidate}`)) {
        playlistPath = candidate;
        break;
      }
    }
    hasThumbnails = await exists(storage, `${prefix}/thumbs/thumbnails.vtt`);
  }
  const hasMp4 = material.hasMp4 || (prefix ? await exists(storage, `${prefix}/download.mp4`) : false);
  const clip = await loadClipTimeline(storage, { storagePrefix: prefix, trimStartSec: material.trimStartSec, trimEndSec: material.trimEndSec });
  return { material, playlistPath, hasThumbnails, hasMp4, hasCaptions: material._count.transcript > 0, clip };
}
export type TMaterialDetail = NonNullable<Awaited<ReturnType<typeof getMaterialDetail>>>;

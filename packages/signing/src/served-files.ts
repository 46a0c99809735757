import { createHash } from "node:crypto";
import { SERVED_CAPTIONS_ORDER, servedCaptionsVtt } from "@diemcau/captions";
import type { Db } from "@diemcau/db";
import { parseMediaPlaylist, trimSegments, writeVodPlaylist } from "@diemcau/protocol";
import type { Storage } from "@diemcau/storage";
import type { TManifestFile, TServedFileKind } from "./material-manifest";

/** The material facts that decide what is served: the trim window and whether the MP4 was cut to it. */
export type TServedMaterial = {
  id: string;
  storagePrefix: string | null;
  trimStartSec: number | null;
  trimEndSec: number | null;
  /** The MP4, poster and thumbnails are served only once they are made for the current trim. */
  downloadMatchesTrim: boolean;
};

async function hashKey(storage: Storage, key: string): Promise<{ size: number; sha256: string } | null> {
  if (!(await storage.stat(key))) return null;
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of await storage.getStream(key)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest("hex") };
}

function hashText(text: string): { size: number; sha256: string } {
  const bytes = Buffer.from(text, "utf8");
  return { size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

async function readText(storage: Storage, key: string): Promise<string | null> {
  if (!(await storage.stat(key))) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.getStream(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Renditions a player reaches: those the master playlist lists ("source/index.m3u8" → "source"), else the source alone. */
function renditionsOf(master: string | null): string[] {
  if (master === null) return ["source"];
  return master
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((uri) => /^([A-Za-z0-9_-]+)\/index\.m3u8$/.exec(uri)?.[1])
    .filter((name): name is string => Boolean(name));
}

/**
 * Every file the media route and the captions track serve for a material now, with its size and
 * SHA-256, computed the way they serve it: rendition playlists rewritten to the trim window
 * (trimSegments, the one rule), only the segments inside it, the MP4, poster and thumbnails once
 * cut for this window, and the captions on the clip's timeline. In a stable order.
 */
export async function hashServedFiles(db: Db, storage: Storage, material: TServedMaterial): Promise<TManifestFile[]> {
  const prefix = material.storagePrefix;
  if (!prefix) return [];
  const files: TManifestFile[] = [];
  const add = (path: string, kind: TServedFileKind, digest: { size: number; sha256: string } | null) => {
    if (digest) files.push({ path, kind, ...digest });
  };

  const master = await readText(storage, `${prefix}/hls/master.m3u8`);
  if (master !== null) add("hls/master.m3u8", "playlist", hashText(master));
  let clipStartSec = 0;
  for (const rendition of renditionsOf(master)) {
    const playlist = await readText(storage, `${prefix}/hls/${rendition}/index.m3u8`);
    if (playlist === null) continue;
    const window = trimSegments(parseMediaPlaylist(playlist).segments, material.trimStartSec, material.trimEndSec);
    if (rendition === "source") clipStartSec = window.firstStartSec;
    add(`hls/${rendition}/index.m3u8`, "playlist", hashText(writeVodPlaylist(window.segments)));
    for (const segment of window.segments) add(`hls/${rendition}/${segment.uri}`, "segment", await hashKey(storage, `${prefix}/hls/${rendition}/${segment.uri}`));
  }

  if (material.downloadMatchesTrim) {
    add("download.mp4", "mp4", await hashKey(storage, `${prefix}/download.mp4`));
    add("poster.jpg", "poster", await hashKey(storage, `${prefix}/poster.jpg`));
    for (const key of await storage.list(`${prefix}/thumbs/`)) {
      const path = key.slice(prefix.length + 1);
      if (/^thumbs\/[A-Za-z0-9_-]+\.(?:jpg|vtt)$/.test(path)) add(path, "thumbnail", await hashKey(storage, key));
    }
  }

  const transcript = await db.transcriptSegment.findMany({
    where: { materialId: material.id },
    orderBy: SERVED_CAPTIONS_ORDER,
    select: { startSec: true, endSec: true, text: true, source: true },
  });
  // Served (and listed on the player) only when the material has speech; slide text never is.
  if (transcript.some((line) => line.source !== "SLIDE")) add("captions.vtt", "captions", hashText(servedCaptionsVtt(transcript, { startSec: clipStartSec, endSec: material.trimEndSec })));
  return files;
}

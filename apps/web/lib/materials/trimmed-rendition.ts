import { parseMediaPlaylist, trimSegments, type TTrimmedSegments } from "@diemcau/protocol";
import type { Storage } from "@diemcau/storage";
import { LRUCache } from "lru-cache";

/**
 * A finished rendition's playlist changes only when the finalizer rewrites it, so parsed playlists
 * are kept for a short while: a segment request costs a map lookup, not a read of its playlist.
 */
const PLAYLIST_TTL_MS = 30_000;
const playlists = new LRUCache<string, { segments: ReturnType<typeof parseMediaPlaylist>["segments"] }>({ max: 2_000, ttl: PLAYLIST_TTL_MS });

export type TTrim = { trimStartSec: number | null; trimEndSec: number | null };

async function readSegments(storage: Storage, playlistKey: string) {
  const cached = playlists.get(playlistKey);
  if (cached) return cached.segments;
  if (!(await storage.stat(playlistKey))) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.getStream(playlistKey)) chunks.push(chunk as Buffer);
  const { segments } = parseMediaPlaylist(Buffer.concat(chunks).toString("utf8"));
  playlists.set(playlistKey, { segments });
  return segments;
}

/** The rendition's segments inside the material's trim window (see trimSegments), or null when it has no playlist. */
export async function trimmedRendition(storage: Storage, playlistKey: string, trim: TTrim): Promise<TTrimmedSegments | null> {
  const segments = await readSegments(storage, playlistKey);
  return segments ? trimSegments(segments, trim.trimStartSec, trim.trimEndSec) : null;
}

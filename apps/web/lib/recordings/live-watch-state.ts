import type { Db } from "@diemcau/db";
import { LRUCache } from "lru-cache";
import type { TLiveTokenClaims } from "./live-token";

/**
 * What a live segment request must know beyond its token: the recording is still live (no
 * material yet: once there is one, it is served only through its trimmed renditions) and the host
 * has not revoked the watch links. Looked up once per recording and couple of seconds, not per
 * segment and viewer, so revoking and finalizing take effect within that.
 */
const STATE_TTL_MS = 2_000;

type TLiveState = { eventId: string | null; watchVersion: number; hasMaterial: boolean } | null;
const cache = new LRUCache<string, { state: TLiveState }>({ max: 1_000, ttl: STATE_TTL_MS });

async function loadState(db: Db, recordingId: string): Promise<TLiveState> {
  const cached = cache.get(recordingId);
  if (cached) return cached.state;
  const row = await db.recording.findUnique({
    where: { id: recordingId },
    select: { eventId: true, event: { select: { liveWatchVersion: true } }, material: { select: { id: true } } },
  });
  const state = row ? { eventId: row.eventId, watchVersion: row.event?.liveWatchVersion ?? 0, hasMaterial: row.material !== null } : null;
  cache.set(recordingId, { state });
  return state;
}

/** The token still grants the live recording on this event's watch page. */
export async function liveWatchAllowed(db: Db, claims: TLiveTokenClaims, eventId: string): Promise<boolean> {
  if (claims.eventId !== eventId) return false;
  const state = await loadState(db, claims.recordingId);
  return !!state && !state.hasMaterial && state.eventId === eventId && state.watchVersion === claims.watchVersion;
}

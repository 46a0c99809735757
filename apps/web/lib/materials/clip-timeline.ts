import type { TClipTimeline } from "@diemcau/protocol";
import type { StorageSetup } from "@diemcau/storage";
import type { TMaterialAccess } from "./material-access";
import { trimmedRendition } from "./trimmed-rendition";

/** Where the served (trimmed) media starts and ends on the recording's timeline (see TClipTimeline). */
export async function loadClipTimeline(storage: StorageSetup, access: Pick<TMaterialAccess, "storagePrefix" | "trimStartSec" | "trimEndSec">): Promise<TClipTimeline> {
  const window = access.storagePrefix ? await trimmedRendition(storage.media, `${access.storagePrefix}/hls/source/index.m3u8`, access) : null;
  const startSec = window?.firstStartSec ?? 0;
  return { startSec, endSec: access.trimEndSec };
}

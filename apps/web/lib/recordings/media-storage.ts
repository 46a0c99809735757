import { createStorage, type StorageSetup } from "@diemcau/storage";
import { getConfig } from "../config";

let cached: StorageSetup | undefined;

/** Web's view of media storage: `local` holds live segments and uploads, `media` the final files. */
export function getMediaStorage(): StorageSetup {
  cached ??= createStorage(getConfig());
  return cached;
}

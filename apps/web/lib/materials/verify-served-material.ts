import type { Db } from "@diemcau/db";
import { verifyMaterial, type TMaterialVerification } from "@diemcau/signing";
import { getConfig } from "../config";
import { getMediaStorage } from "../recordings/media-storage";

/** The verify page's check: the material as web serves it now, against the CAs this install trusts. */
export function verifyServedMaterial(db: Db, materialId: string): Promise<TMaterialVerification> {
  const config = getConfig();
  return verifyMaterial({ db, storage: getMediaStorage().media, caFile: config.SIGNING_CA_FILE, opensslPath: config.OPENSSL_PATH }, materialId);
}

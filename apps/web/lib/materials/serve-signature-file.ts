import type { Db } from "@diemcau/db";
import { signatureKeys } from "@diemcau/signing";
import type { TAccessViewer } from "./material-access";
import { requireViewableMaterial } from "./material-access";
import { serveStorageFile } from "./serve-storage-file";
import { getMediaStorage } from "../recordings/media-storage";

/**
 * GET /api/materials/<id>/manifest.json and …/manifest.p7s: the signed manifest and its detached
 * CMS signature, for anyone who may watch the material to check with their own tools
 * (`openssl cms -verify -binary -inform DER -in manifest.p7s -content manifest.json -CAfile …`).
 */
export async function serveSignatureFile(request: Request, db: Db, viewer: TAccessViewer | null, materialId: string, file: keyof typeof signatureKeys): Promise<Response> {
  await requireViewableMaterial(db, materialId, viewer);
  return serveStorageFile(request, getMediaStorage().media, signatureKeys[file](materialId), {
    cacheControl: "private, no-cache",
    downloadName: file === "manifest" ? `${materialId}.manifest.json` : `${materialId}.manifest.json.p7s`,
  });
}

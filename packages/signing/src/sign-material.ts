import type { Db } from "@diemcau/db";
import type { Storage } from "@diemcau/storage";
import { signDetached } from "./cms";
import { loadManifestFacts } from "./load-manifest-facts";
import type { TSigner } from "./load-signer";
import { MANIFEST_FORMAT, serializeManifest, signatureKeys, type TMaterialManifest } from "./material-manifest";
import { hashServedFiles } from "./served-files";

export type TSignMaterialResult = { signed: false; reason: "NOT_FOUND" | "NOT_READY" } | { signed: true; fileCount: number };

/**
 * Writes the material's manifest (every served file's SHA-256) and its detached CMS signature,
 * then records who signed and when. Run again whenever what is served may have changed: the
 * new manifest replaces the old, so the signature always speaks for the current files.
 */
export async function signMaterial({ db, storage, signer }: { db: Db; storage: Storage; signer: TSigner }, materialId: string, now = new Date()): Promise<TSignMaterialResult> {
  const facts = await loadManifestFacts(db, materialId);
  if (!facts) return { signed: false, reason: "NOT_FOUND" };
  if (!facts.recordingReady) return { signed: false, reason: "NOT_READY" };
  const { material } = facts;
  const manifest: TMaterialManifest = {
    format: MANIFEST_FORMAT,
    materialId: material.id,
    title: material.title,
    owner: material.owner,
    event: facts.event,
    documents: facts.documents,
    trim: { startSec: material.trimStartSec, endSec: material.trimEndSec },
    files: await hashServedFiles(db, storage, facts.served),
    writtenAt: now.toISOString(),
  };
  const bytes = serializeManifest(manifest);
  const signature = await signDetached(bytes, signer);
  // Between the two writes a reader finds them disagreeing and reports a mismatch, never a success.
  await storage.put(signatureKeys.signature(materialId), signature);
  await storage.put(signatureKeys.manifest(materialId), bytes);
  const record = { signerName: signer.name, signedAt: now, fileCount: manifest.files.length };
  await db.materialSignature.upsert({ where: { materialId }, create: { materialId, ...record }, update: record });
  return { signed: true, fileCount: manifest.files.length };
}

import type { Db } from "@diemcau/db";
import { ZMaterialSignJobSchema, type TMaterialSignJob } from "@diemcau/protocol";
import { signMaterial, type TSigner, type TSignMaterialResult } from "@diemcau/signing";
import type { Storage } from "@diemcau/storage";
import { acquireFinalizeLock } from "./finalize-lock";

/**
 * The sign job: the material's manifest and signature made again from its files as served now.
 * It holds the recording's finalize lock, so it never hashes files a finalize, transcode or trim
 * is replacing, and two sign jobs of one material finish in the order they started.
 */
export async function signMaterialJob(
  deps: { db: Db; media: Storage; databaseUrl: string; signer: TSigner },
  payload: TMaterialSignJob,
): Promise<TSignMaterialResult> {
  const { materialId } = ZMaterialSignJobSchema.parse(payload);
  const owner = await deps.db.material.findUnique({ where: { id: materialId }, select: { recordingId: true } });
  if (!owner) return { signed: false, reason: "NOT_FOUND" };
  if (!owner.recordingId) return { signed: false, reason: "NOT_READY" };
  const release = await acquireFinalizeLock(deps.databaseUrl, owner.recordingId);
  try {
    return await signMaterial({ db: deps.db, storage: deps.media, signer: deps.signer }, materialId);
  } finally {
    await release();
  }
}

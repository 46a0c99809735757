import type { Db } from "@diemcau/db";
import type { TServedMaterial } from "./served-files";

/** What the manifest says of a material and what decides its served files; null when it does not exist. */
export async function loadManifestFacts(db: Db, materialId: string) {
  const material = await db.material.findUnique({
    where: { id: materialId },
    select: {
      id: true,
      title: true,
      trimStartSec: true,
      trimEndSec: true,
      downloadTrimStartSec: true,
      downloadTrimEndSec: true,
      owner: { select: { id: true, name: true, email: true } },
      documentLinks: { select: { numberNotation: true, documentType: true, issuer: true, subject: true }, orderBy: { createdAt: "asc" } },
      recording: {
        select: {
          status: true,
          storagePrefix: true,
          event: {
            select: {
              id: true,
              title: true,
              startsAt: true,
              documents: { select: { numberNotation: true, documentType: true, issuer: true, subject: true }, orderBy: { createdAt: "asc" } },
            },
          },
        },
      },
    },
  });
  if (!material) return null;
  const served: TServedMaterial = {
    id: material.id,
    storagePrefix: material.recording?.storagePrefix ?? null,
    trimStartSec: material.trimStartSec,
    trimEndSec: material.trimEndSec,
    downloadMatchesTrim: material.trimStartSec === material.downloadTrimStartSec && material.trimEndSec === material.downloadTrimEndSec,
  };
  const event = material.recording?.event ?? null;
  return {
    material,
    served,
    recordingReady: material.recording?.status === "READY",
    event: event ? { id: event.id, title: event.title, startsAt: event.startsAt.toISOString() } : null,
    // The documents the material was based on: its own links, then those that convened its meeting.
    documents: [...material.documentLinks, ...(event?.documents ?? [])],
  };
}

import type { Db } from "@diemcau/db";

/**
 * The news portal shows only what anyone may watch: a published, public material. The oEmbed
 * answer, the embed player and the feed all ask this, so a restricted material looks absent.
 */
export const EMBEDDABLE_WHERE = { published: true, visibility: "PUBLIC" } as const;

/** A material the portal may embed, or null (unknown, unpublished or restricted alike). */
export async function findEmbeddableMaterial(db: Db, materialId: string) {
  return db.material.findFirst({
    where: { id: materialId, ...EMBEDDABLE_WHERE },
    select: {
      id: true,
      title: true,
      posterKey: true,
      trimStartSec: true,
      trimEndSec: true,
      downloadTrimStartSec: true,
      downloadTrimEndSec: true,
      recording: { select: { status: true } },
      _count: { select: { transcript: true } },
    },
  });
}

import type { Db } from "@diemcau/db";
import { parseInput } from "../api/parse-input";
import { AppError } from "../errors/app-error";
import { claimTimelineVersion } from "../transcript/timeline-version";
import { loadMaterialAccess, materialNotFound, type TAccessViewer } from "./material-access";
import { ZMaterialUpdateSchema } from "./material-input";

/** Queues the job that cuts the download MP4 to the material's new trim window. */
export type TEnqueueTrimDownload = (materialId: string) => Promise<unknown>;
/** Queues the job that signs the material's manifest again. */
export type TEnqueueSign = (materialId: string) => Promise<unknown>;

/**
 * PATCH /api/materials/<id>: the owner, staff and admins edit details, chapters, visibility, the
 * trim window and publishing. Anyone else who can see the material gets 403. The player applies
 * the trim at once; a new window also queues the cut of the download MP4, which is refused as
 * "being prepared" until then (the worker's sweep queues the cut again if this one is lost).
 * A published material's manifest names its title and owner, so publishing or editing it queues a
 * new signature; after a new trim the cut job does that, once the files are made for the window.
 * The chapters are saved whole, so a form loaded at an older timeline version is refused (409).
 */
export async function updateMaterial(
  db: Db,
  materialId: string,
  viewer: TAccessViewer,
  body: unknown,
  enqueueTrimDownload: TEnqueueTrimDownload,
  enqueueSign: TEnqueueSign,
): Promise<{ ok: true }> {
  const access = await loadMaterialAccess(db, materialId, viewer);
  if (!access) throw materialNotFound();
  if (!access.canEdit) throw new AppError("MATERIAL_EDIT_FORBIDDEN", "Chỉ người tạo học liệu và cán bộ Sở được chỉnh sửa học liệu này.", 403);
  const { chapters, timelineVersion, ...fields } = parseInput(ZMaterialUpdateSchema, body);
  const before = await db.material.findUniqueOrThrow({ where: { id: materialId }, select: { trimStartSec: true, trimEndSec: true, recordingId: true, published: true } });
  // The news feed lists materials by when they were (last) published.
  const publishedAt = fields.published && !before.published ? { publishedAt: new Date() } : {};
  await db.$transaction(async (tx) => {
    await claimTimelineVersion(tx, materialId, timelineVersion);
    await tx.material.update({ where: { id: materialId }, data: { ...fields, ...publishedAt } });
    await tx.chapter.deleteMany({ where: { materialId } });
    await tx.chapter.createMany({ data: chapters.map((chapter) => ({ ...chapter, materialId })) });
  });
  const trimChanged = before.trimStartSec !== fields.trimStartSec || before.trimEndSec !== fields.trimEndSec;
  if (trimChanged && before.recordingId) {
    await enqueueTrimDownload(materialId).catch((error: unknown) => console.error(`[web] trim-download of ${materialId} not queued (the sweep will):`, error));
  } else if (fields.published && before.recordingId) {
    await enqueueSign(materialId).catch((error: unknown) => console.error(`[web] signature of ${materialId} not queued:`, error));
  }
  return { ok: true };
}

import type { Db } from "@diemcau/db";
import { apiError } from "../api/api-error";
import { loadMaterialAccess, type TAccessViewer } from "./material-access";
import { ZMaterialUpdateSchema } from "./material-input";

/**
 * PATCH /api/materials/<id>: the owner, staff and admins edit details, chapters, visibility, the
 * trim window (metadata the player applies as a clip; the finalizer may cut the MP4 later) and
 * publishing. Anyone else who can see the material gets 403.
 */
export async function updateMaterial(db: Db, materialId: string, viewer: TAccessViewer, body: unknown): Promise<Response> {
  const access = await loadMaterialAccess(db, materialId, viewer);
  if (!access) return apiError(404, "MATERIAL_NOT_FOUND", "Không tìm thấy học liệu.");
  if (!access.canEdit) return apiError(403, "MATERIAL_EDIT_FORBIDDEN", "Chỉ người tạo học liệu và cán bộ Sở được chỉnh sửa học liệu này.");
  const parsed = ZMaterialUpdateSchema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return apiError(400, "MATERIAL_INVALID", first ? `${first.path.join(".")}: ${first.message}` : "Dữ liệu học liệu không hợp lệ.");
  }
  const { chapters, ...fields } = parsed.data;
  await db.$transaction([
    db.material.update({ where: { id: materialId }, data: fields }),
    db.chapter.deleteMany({ where: { materialId } }),
    db.chapter.createMany({ data: chapters.map((chapter) => ({ ...chapter, materialId })) }),
  ]);
  return Response.json({ ok: true });
}

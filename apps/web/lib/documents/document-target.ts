import type { Db } from "@diemcau/db";
import type { TSessionUser } from "../auth/session-user";
import { AppError, forbiddenAction, notFound } from "../errors/app-error";
import { loadMaterialAccess, materialNotFound } from "../materials/material-access";

export type TDocumentTarget = { eventId: string } | { materialId: string };

/** Staff link documents to any event; a teacher to an event they host or whose class they teach. */
export function canLinkEventDocuments(
  user: Pick<TSessionUser, "id" | "role">,
  event: { hostId: string; course: { teacherId: string } | null },
): boolean {
  if (user.role === "ADMIN" || user.role === "STAFF") return true;
  return user.role === "TEACHER" && (event.hostId === user.id || event.course?.teacherId === user.id);
}

/** Refuses (404, then 403) unless the user may change the documents of this event or material (its editors). */
export async function requireDocumentTarget(db: Db, target: TDocumentTarget, user: Pick<TSessionUser, "id" | "role">): Promise<void> {
  if ("eventId" in target) {
    const event = await db.event.findUnique({ where: { id: target.eventId }, select: { hostId: true, course: { select: { teacherId: true } } } });
    if (!event) throw notFound();
    if (!canLinkEventDocuments(user, event)) throw forbiddenAction();
    return;
  }
  const access = await loadMaterialAccess(db, target.materialId, user);
  if (!access?.canView) throw materialNotFound();
  if (!access.canEdit) throw new AppError("MATERIAL_EDIT_FORBIDDEN", "Chỉ người tạo học liệu và cán bộ Sở được chỉnh sửa học liệu này.", 403);
}

import type { Db, Role, Visibility } from "@diemcau/db";
import { AppError } from "../errors/app-error";

export interface TAccessMaterial {
  ownerId: string;
  visibility: Visibility;
  published: boolean;
  /** Teacher of the course the recording belongs to, if any. */
  courseTeacherId: string | null;
}

export interface TAccessViewer {
  id: string;
  role: Role;
}

/** Owner, staff and admins edit; everyone else gets 403. */
export function canEditMaterial(material: Pick<TAccessMaterial, "ownerId">, viewer: TAccessViewer | null): boolean {
  if (!viewer) return false;
  return viewer.role === "ADMIN" || viewer.role === "STAFF" || viewer.id === material.ownerId;
}

/**
 * Who may watch: editors always (also before publishing); once published, PUBLIC is anyone,
 * INTERNAL is the department's staff and teachers, ENROLLED is the course's teacher and its
 * enrolled students.
 */
export function canViewMaterial(material: TAccessMaterial, viewer: TAccessViewer | null, { enrolled }: { enrolled: boolean }): boolean {
  if (canEditMaterial(material, viewer)) return true;
  if (!material.published) return false;
  if (material.visibility === "PUBLIC") return true;
  if (!viewer) return false;
  if (material.visibility === "INTERNAL") return viewer.role === "TEACHER";
  return viewer.id === material.courseTeacherId || (viewer.role === "STUDENT" && enrolled);
}

const accessSelect = {
  id: true,
  ownerId: true,
  visibility: true,
  published: true,
  allowDownload: true,
  trimStartSec: true,
  trimEndSec: true,
  downloadTrimStartSec: true,
  downloadTrimEndSec: true,
  recording: { select: { id: true, status: true, storagePrefix: true, event: { select: { course: { select: { id: true, teacherId: true } } } } } },
} as const;

export interface TMaterialAccess {
  materialId: string;
  canView: boolean;
  canEdit: boolean;
  allowDownload: boolean;
  /** The download MP4 is cut to the current trim window (false while the trim-download job is pending). */
  downloadMatchesTrim: boolean;
  /** "recordings/<id>": where this material's media lives; null before it has any. */
  storagePrefix: string | null;
  /** The trim window on the recording's timeline (null: from the start / to the end). */
  trimStartSec: number | null;
  trimEndSec: number | null;
  recordingStatus: string | null;
}

/** Loads what the access rules need about one material; null when it does not exist. */
export async function loadMaterialAccess(db: Db, materialId: string, viewer: TAccessViewer | null): Promise<TMaterialAccess | null> {
  const material = await db.material.findUnique({ where: { id: materialId }, select: accessSelect });
  if (!material) return null;
  const course = material.recording?.event?.course ?? null;
  const enrolled =
    !!viewer && !!course && viewer.role === "STUDENT"
      ? (await db.enrollment.count({ where: { courseId: course.id, userId: viewer.id } })) > 0
      : false;
  const facts = { ...material, courseTeacherId: course?.teacherId ?? null };
  return {
    materialId: material.id,
    canView: canViewMaterial(facts, viewer, { enrolled }),
    canEdit: canEditMaterial(facts, viewer),
    allowDownload: material.allowDownload,
    downloadMatchesTrim: downloadMatchesTrim(material),
    storagePrefix: material.recording?.storagePrefix ?? null,
    trimStartSec: material.trimStartSec,
    trimEndSec: material.trimEndSec,
    recordingStatus: material.recording?.status ?? null,
  };
}

/** The download MP4 was cut with the material's current trim window. */
export function downloadMatchesTrim(material: {
  trimStartSec: number | null;
  trimEndSec: number | null;
  downloadTrimStartSec: number | null;
  downloadTrimEndSec: number | null;
}): boolean {
  return material.trimStartSec === material.downloadTrimStartSec && material.trimEndSec === material.downloadTrimEndSec;
}

export function materialNotFound(): AppError {
  return new AppError("MATERIAL_NOT_FOUND", "Không tìm thấy học liệu.", 404);
}

/** The access facts of a material the viewer may watch; anyone else gets 404, so ids of private materials leak nothing. */
export async function requireViewableMaterial(db: Db, materialId: string, viewer: TAccessViewer | null): Promise<TMaterialAccess> {
  const access = await loadMaterialAccess(db, materialId, viewer);
  if (!access?.canView) throw materialNotFound();
  return access;
}

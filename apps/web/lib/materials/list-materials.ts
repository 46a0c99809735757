import type { Db } from "@diemcau/db";
import type { TAccessViewer } from "./material-access";
import { visibleMaterialsWhere } from "./visible-materials-where";

/** Subjects and grades that occur, for the filter's choices. */
export async function listMaterialFacets(db: Db, viewer: TAccessViewer | null) {
  const rows = await db.material.findMany({ where: visibleMaterialsWhere(viewer), select: { subject: true, grade: true }, distinct: ["subject", "grade"] });
  const subjects = [...new Set(rows.map((r) => r.subject).filter((s): s is string => !!s))].sort((a, b) => a.localeCompare(b, "vi"));
  const grades = [...new Set(rows.map((r) => r.grade).filter((g): g is number => g !== null))].sort((a, b) => a - b);
  return { subjects, grades };
}

/** Up to 6 other watchable materials of the same subject or grade. */
export async function findRelatedMaterials(db: Db, viewer: TAccessViewer | null, material: { id: string; subject: string | null; grade: number | null }) {
  const same = [material.subject ? { subject: material.subject } : null, material.grade ? { grade: material.grade } : null].filter((x) => x !== null);
  if (same.length === 0) return [];
  return db.material.findMany({
    where: { AND: [visibleMaterialsWhere(viewer), { id: { not: material.id } }, { OR: same }] },
    select: { id: true, title: true, subject: true, grade: true },
    orderBy: { createdAt: "desc" },
    take: 6,
  });
}

import type { Db } from "@diemcau/db";
import type { TAccessViewer } from "../materials/material-access";
import { listMaterialFacets } from "../materials/list-materials";
import { visibleMaterialsWhere } from "../materials/visible-materials-where";

/** The choices of the library's filters: subjects and grades in use, districts, and the owners of visible materials. */
export async function listSearchFacets(db: Db, viewer: TAccessViewer | null) {
  const [{ subjects, grades }, districts, owners] = await Promise.all([
    listMaterialFacets(db, viewer),
    db.district.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.user.findMany({
      where: { materialsOwned: { some: visibleMaterialsWhere(viewer) } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { subjects, grades, districts, teachers: owners };
}
export type TSearchFacets = Awaited<ReturnType<typeof listSearchFacets>>;

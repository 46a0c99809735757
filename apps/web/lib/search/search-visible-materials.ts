import type { Db } from "@diemcau/db";
import { searchMaterials, type TSearchResult } from "@diemcau/search";
import { parseInput } from "../api/parse-input";
import type { TAccessViewer } from "../materials/material-access";
import { visibleMaterialsSql } from "../materials/visible-materials-sql";
import { visibleMaterialsWhere } from "../materials/visible-materials-where";
import { toSearchFilters, ZSearchQuerySchema } from "./search-input";

/**
 * Search (and the library's listing) over the materials the viewer may open, as for playing:
 * the query's SQL carries visibleMaterialsSql, and the page's ids are checked once more against
 * visibleMaterialsWhere (while the page loads), so no title, snippet or transcript line of
 * another material can leave.
 */
export async function searchVisibleMaterials(db: Db, viewer: TAccessViewer | null, rawQuery: unknown): Promise<TSearchResult> {
  const input = parseInput(ZSearchQuerySchema, rawQuery);
  return searchMaterials(db, {
    query: input.q,
    typing: input.typing === "1",
    filters: toSearchFilters(input),
    sort: input.sort,
    page: input.page,
    visible: visibleMaterialsSql(viewer),
    recheck: async (ids) =>
      new Set(
        (await db.material.findMany({ where: { AND: [visibleMaterialsWhere(viewer), { id: { in: ids } }] }, select: { id: true } })).map((m) => m.id),
      ),
  });
}

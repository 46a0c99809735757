import type { Db } from "@diemcau/db";
import { searchMaterials, type TSearchResult } from "@diemcau/search";
import { parseInput } from "../api/parse-input";
import type { TAccessViewer } from "../materials/material-access";
import { visibleMaterialsSql } from "../materials/visible-materials-sql";
import { toSearchFilters, ZSearchQuerySchema } from "./search-input";

/**
 * Search (and the library's listing) over the materials the viewer may open, as for playing:
 * every statement of the search carries visibleMaterialsSql (the ranking's parts, and the page's
 * items by id once more), so no title, snippet or transcript line of another material can leave.
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
  });
}

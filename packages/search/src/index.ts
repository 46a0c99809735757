export { foldVietnamese } from "./fold";
export { highlightText, type THighlight } from "./highlight";
export {
  searchMaterials,
  type TSearchFilters,
  type TSearchRequest,
  type TSearchResult,
  type TSearchSort,
  type TVisibleMaterialsSql,
} from "./search-materials";
export { type TSearchHit, type TSearchItem } from "./page-items";

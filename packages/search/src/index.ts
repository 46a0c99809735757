export { foldVietnamese } from "./fold";
export { highlightText, type THighlight } from "./highlight";
export {
  searchMaterials,
  type TSearchFilters,
  type TSearchHit,
  type TSearchItem,
  type TSearchRequest,
  type TSearchResult,
  type TSearchSort,
  type TVisibleMaterialsSql,
} from "./search-materials";

export { foldVietnamese, hasDiacritics, lowerKeepingDiacritics } from "./fold";
export { HIT_END, HIT_START, highlightText, readHighlight, type THighlight } from "./highlight";
export { MAX_QUERY_CHARS, hasWords, parseSearchQuery, type TSearchQuery } from "./parse-query";
export {
  DEFAULT_PAGE_SIZE,
  MAX_HITS_PER_MATERIAL,
  RANKED_CANDIDATES,
  searchMaterials,
  type TSearchFilters,
  type TSearchHit,
  type TSearchItem,
  type TSearchRequest,
  type TSearchResult,
  type TSearchSort,
  type TVisibleMaterialsSql,
} from "./search-materials";

/**
 * Vietnamese text as the transcript filter compares it: no diacritics, đ → d, lower case, so
 * "phan so" finds "phân số" (the same folding as the database's diemcau_fold for search).
 */
export function foldForFilter(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/**
 * Vietnamese text as the transcript filter compares it: no diacritics, đ → d, lower case, single
 * spaces, so "phan so" finds "phân số" (the folding of the database's diemcau_fold for search).
 */
export function foldForFilter(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The lines holding what was typed, as a phrase: once folded, one syllable stands for many words,
 * so "mau so chung" word by word would also match "chúng ta học mẫu số". `folded` is each line's
 * foldForFilter(text), computed once.
 */
export function filterTranscript<T>(lines: T[], folded: string[], query: string): T[] {
  const phrase = foldForFilter(query);
  return phrase ? lines.filter((_, index) => folded[index]!.includes(phrase)) : lines;
}

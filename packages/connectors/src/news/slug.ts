/** Vietnamese text without diacritics, đ as d, lower case: what WordPress keeps in a slug unchanged. */
export function foldVietnamese(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

const MAX_WORDS_LENGTH = 80;

/**
 * A readable, unique slug for an article: the folded title ("tap-huan-chuyen-doi-so") and a
 * unique tail. Only a–z, 0–9 and hyphens, so the portal stores it exactly as given and a later
 * attempt can look the article up by it.
 */
export function articleSlug(title: string, uniqueTail: string): string {
  const words = foldVietnamese(title)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_WORDS_LENGTH)
    .replace(/-+$/g, "");
  const tail = foldVietnamese(uniqueTail).replace(/[^a-z0-9]+/g, "");
  return words ? `${words}-${tail}` : tail;
}

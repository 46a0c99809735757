import { UNACCENT_RULES } from "./unaccent-table";

// Lower case one character at a time, as PostgreSQL's lower() does (towlower per character), not
// with JavaScript's context rules: a final Σ stays σ, and İ becomes i, not i + a combining dot.
function lowerChar(char: string): string {
  return [...char.toLowerCase()][0]!;
}

/**
 * Vietnamese folded for search, exactly as the database's diemcau_fold(): every character that
 * PostgreSQL's unaccent dictionary replaces is replaced (diacritics dropped, đ → d, ligatures
 * spelled out, combining marks removed), then lower case. "Điện Biên" → "dien bien".
 */
export function foldVietnamese(text: string): string {
  let folded = "";
  for (const char of text) {
    const replaced = UNACCENT_RULES.get(char.codePointAt(0)!);
    folded += replaced === undefined ? lowerChar(char) : [...replaced].map(lowerChar).join("");
  }
  return folded;
}

/** Lower case with the diacritics kept, composed (NFC), as the database's diemcau_lower(). */
export function lowerKeepingDiacritics(text: string): string {
  return [...text.normalize("NFC")].map(lowerChar).join("");
}

/** Whether folding changes the text beyond its case: the user typed diacritics (or đ). */
export function hasDiacritics(text: string): boolean {
  return foldVietnamese(text) !== lowerKeepingDiacritics(text);
}

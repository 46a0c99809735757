import { foldVietnamese, hasDiacritics, lowerKeepingDiacritics } from "./fold";

/** Longer queries are cut (at a word boundary): a few words find a lesson; a paragraph adds only cost. */
export const MAX_QUERY_CHARS = 200;
/** A last word this short is not expanded as a prefix (one letter would match thousands of words). */
const MIN_PREFIX_CHARS = 2;

export interface TSearchQuery {
  /** What the user typed, tidied and cut to MAX_QUERY_CHARS. */
  text: string;
  /**
   * For websearch_to_tsquery (folded in SQL): the text without the word still being typed. It
   * keeps the user's syntax: "quoted phrase", -excluded, or.
   */
  matchText: string;
  /** The last word, still being typed, folded (letters and digits only): matched as a prefix (:*). */
  prefix: string | null;
  /** The words that must be there, in order (not excluded, not "or"), for phrase and proximity ranking. */
  words: string[];
  /** Of those, the ones typed with diacritics, lower case: matches with these accents rank first. */
  exactWords: string[];
}

const LETTERS_AND_DIGITS = /^[\p{L}\p{N}]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The words of the query, as websearch_to_tsquery reads them: quotes, a leading "-", and "or". */
function readTokens(text: string): { word: string; quoted: boolean; negated: boolean; isOr: boolean }[] {
  const tokens: { word: string; quoted: boolean; negated: boolean; isOr: boolean }[] = [];
  let quoted = false;
  for (const part of text.split(/(")|\s+/u)) {
    if (part === undefined || part === "") continue;
    if (part === '"') {
      quoted = !quoted;
      continue;
    }
    const negated = !quoted && part.startsWith("-");
    const isOr = !quoted && foldVietnamese(part) === "or";
    tokens.push({ word: negated ? part.slice(1) : part, quoted, negated, isOr });
  }
  return tokens;
}

/**
 * Reads what a user typed into a search box; `typing` while results follow each keystroke, so the
 * last word may be unfinished. Never fails: operators of tsquery syntax (& | ! : * ( ))
 * and unbalanced quotes are left to websearch_to_tsquery, which reads them as plain separators.
 */
export function parseSearchQuery(raw: string, { typing = false }: { typing?: boolean } = {}): TSearchQuery {
  let text = raw
    .normalize("NFC")
    .replace(/[\u201c\u201d\u201e\u201f]/gu, '"')
    .replace(/[\p{Cc}\p{Co}\s]+/gu, " ")
    .trimStart();
  if (text.length > MAX_QUERY_CHARS) {
    const cut = text.slice(0, MAX_QUERY_CHARS);
    text = cut.includes(" ") ? cut.slice(0, cut.lastIndexOf(" ")) : cut;
  }
  const midWord = typing && text.length > 0 && !/[\s"]$/u.test(text);
  text = text.trimEnd();
  const tokens = readTokens(text);
  const positive = tokens.filter((token) => !token.negated && !token.isOr && HAS_LETTER_OR_DIGIT.test(token.word));

  const last = tokens.at(-1);
  const lastFolded = last ? foldVietnamese(last.word) : "";
  const isPrefix =
    midWord && !!last && !last.quoted && !last.negated && !last.isOr && lastFolded.length >= MIN_PREFIX_CHARS && LETTERS_AND_DIGITS.test(lastFolded);
  const prefix = isPrefix ? lastFolded : null;
  const matchText = isPrefix ? text.slice(0, text.lastIndexOf(last.word)).trimEnd() : text;
  const complete = isPrefix ? positive.slice(0, -1) : positive;
  return {
    text,
    matchText,
    prefix,
    words: positive.map((token) => token.word),
    exactWords: complete.filter((token) => hasDiacritics(token.word)).map((token) => lowerKeepingDiacritics(token.word)),
  };
}

/** Whether the query names a word to look for (operators, or excluded words alone, name none). */
export function hasWords(query: TSearchQuery): boolean {
  return query.words.length > 0;
}

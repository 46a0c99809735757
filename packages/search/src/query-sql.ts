import { Prisma } from "@diemcau/db";
import type { TSearchQuery } from "./parse-query";

/**
 * The tsqueries of one search, as SQL expressions whose only inputs are parameters. Folding
 * happens in SQL (diemcau_fold), the function the vectors were built with.
 */
export interface TQuerySql {
  /** Every word (folded); the last one as a prefix while it is being typed. */
  match: Prisma.Sql;
  /** The words side by side, in order (`<->`); the same as match for one word. */
  phrase: Prisma.Sql;
  /** Any of the words: which transcript lines to show when no single line has them all. */
  anyWord: Prisma.Sql;
  /** The words typed with diacritics, unfolded; null when there are none. */
  exact: Prisma.Sql | null;
  /** Whether phrase differs from match (two words or more). */
  hasPhrase: boolean;
  /** The phrase's complete words (not the one being typed): their adjacent pairs narrow the lines down. */
  phraseWords: string;
}

// A prefix holds letters and digits only (parseSearchQuery), so quoting it is all to_tsquery needs.
const prefixQuery = (prefix: string) => Prisma.sql`to_tsquery('simple', ${`'${prefix}':*`})`;
const websearch = (text: string) => Prisma.sql`websearch_to_tsquery('simple', diemcau_fold(${text}))`;

export function buildQuerySql(query: TSearchQuery): TQuerySql {
  const { prefix, words, matchText, exactWords } = query;
  const complete = prefix ? words.slice(0, -1) : words;

  let match = websearch(matchText);
  if (prefix) match = matchText.trim() ? Prisma.sql`(${match} && ${prefixQuery(prefix)})` : prefixQuery(prefix);

  const hasPhrase = words.length > 1;
  const phraseWords = complete.join(" ");
  let phrase = match;
  if (hasPhrase) {
    const head = Prisma.sql`phraseto_tsquery('simple', diemcau_fold(${phraseWords}))`;
    phrase = prefix ? Prisma.sql`tsquery_phrase(${head}, ${prefixQuery(prefix)})` : head;
  }

  let anyWord = match;
  if (hasPhrase) {
    const some = complete.length > 0 ? websearch(complete.join(" or ")) : null;
    anyWord = prefix ? (some ? Prisma.sql`(${some} || ${prefixQuery(prefix)})` : prefixQuery(prefix)) : some!;
  }

  const exact = exactWords.length > 0 ? Prisma.sql`plainto_tsquery('simple', diemcau_lower(${exactWords.join(" ")}))` : null;
  return { match, phrase, anyWord, exact, hasPhrase, phraseWords };
}

import { Prisma, type Db } from "@diemcau/db";
import { foldVietnamese } from "./fold";
import type { TSearchQuery } from "./parse-query";

/** A word of a title or tag replaces a query word when their trigrams are at least this similar. */
const WORD_SIMILARITY = 0.3;

/**
 * Typo tolerance, for a query that matched nothing: the visible materials whose title or tags
 * come close (pg_trgm word similarity on Material.fuzzyText, through its trigram index), and the
 * query spelled as the closest of them spells it, with its diacritics ("phuog trinh" →
 * "phương trình"). Only titles the viewer may open are read, so the suggestion leaks nothing.
 */
export async function suggestCorrection(
  db: Db,
  query: TSearchQuery,
  visible: Prisma.Sql,
  filters: Prisma.Sql,
  limit: number,
): Promise<{ ids: string[]; suggestion: string | null }> {
  const folded = foldVietnamese(query.words.join(" "));
  const near = await db.$queryRaw<{ id: string; words: string }[]>`
    SELECT m."id", m."title" || ' ' || array_to_string(m."tags", ' ') AS words
      FROM "Material" m
     WHERE ${folded} <% m."fuzzyText" AND (${visible}) AND ${filters}
     ORDER BY word_similarity(${folded}, m."fuzzyText") DESC, m."createdAt" DESC, m."id"
     LIMIT ${limit}`;
  if (near.length === 0) return { ids: [], suggestion: null };

  // Words of the few closest titles and tags: each query word takes the spelling nearest to it.
  const source = near.slice(0, 5).map((row) => row.words).join(" ");
  const corrected = await db.$queryRaw<{ word: string }[]>`
    SELECT coalesce(
      (SELECT t FROM regexp_split_to_table(${source}, '[[:space:][:punct:]]+') AS t
        WHERE t <> '' AND similarity(diemcau_fold(t), diemcau_fold(q.word)) >= ${WORD_SIMILARITY}
        ORDER BY similarity(diemcau_fold(t), diemcau_fold(q.word)) DESC LIMIT 1),
      q.word) AS word
    FROM unnest(${query.words}::text[]) WITH ORDINALITY AS q(word, n) ORDER BY q.n`;
  const suggestion = corrected.map((row) => row.word.toLocaleLowerCase("vi")).join(" ");
  return { ids: near.map((row) => row.id), suggestion: foldVietnamese(suggestion) === folded ? null : suggestion };
}

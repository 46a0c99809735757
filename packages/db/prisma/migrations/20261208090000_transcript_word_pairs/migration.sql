-- Phrases of common syllables ("thì hiện tại", issue 9's benchmark). The GIN entries of words that
-- are in every lesson are long, so the transcript lines with all of a phrase's words were many
-- (1,256 of 1,000,000 for that phrase), and each was read to check the order of its words. Each
-- line now also keeps the pairs of its adjacent words: a phrase's pairs are rare even when its words
-- are not, so their index leads to the few lines that can have it (817 there), and only those are
-- checked. The pairs only narrow the lines down; the phrase itself is still what decides.
--
-- A pair is kept as the first 4 hex digits of its md5 (65,536 buckets): the index is 49 MB for a
-- million lines instead of 82 MB for the pairs' text, and as fast. Pairs that share a bucket by
-- chance only add a few lines, which the phrase check then drops.

-- The hashed pairs "a b" of adjacent words of a vector (from their positions), without positions.
CREATE FUNCTION diemcau_word_pair_hashes(words tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(pg_catalog.array_to_tsvector(pg_catalog.array_agg(DISTINCT pg_catalog.left(pg_catalog.md5(a.lexeme || ' ' || b.lexeme), 4))), ''::pg_catalog.tsvector)
          FROM (SELECT u.lexeme, pg_catalog.unnest(u.positions) AS position FROM pg_catalog.unnest(words) u) a
          JOIN (SELECT u.lexeme, pg_catalog.unnest(u.positions) AS position FROM pg_catalog.unnest(words) u) b ON b.position = a.position + 1 $$;

ALTER TABLE "TranscriptSegment" ADD COLUMN "pairVector" tsvector
  GENERATED ALWAYS AS (diemcau_word_pair_hashes(to_tsvector('simple', diemcau_fold("text")))) STORED;
CREATE INDEX "TranscriptSegment_pairVector_idx" ON "TranscriptSegment" USING GIN ("pairVector");

-- Every hashed pair of a phrase's words, all required; NULL when it has fewer than two words.
-- Parsed as the lines are (diemcau_fold, then the simple parser), so a line with the phrase has them all.
CREATE FUNCTION diemcau_phrase_pair_hashes(phrase TEXT) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT pg_catalog.string_agg(h.lexeme, ' & ')::pg_catalog.tsquery
          FROM pg_catalog.unnest(public.diemcau_word_pair_hashes(pg_catalog.to_tsvector('simple', public.diemcau_fold(phrase)))) h $$;

-- Materials with a transcript line that has the words side by side: `words` is the phrase's text.
DROP FUNCTION diemcau_transcript_phrase_materials(tsquery);
CREATE FUNCTION diemcau_transcript_phrase_materials(phrase tsquery, words TEXT) RETURNS SETOF TEXT
  LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100
  SET enable_seqscan = off
  AS $$
DECLARE
  pairs tsquery := public.diemcau_phrase_pair_hashes(words);
BEGIN
  IF pairs IS NULL THEN
    RETURN QUERY SELECT DISTINCT s."materialId" FROM public."TranscriptSegment" s WHERE s."searchVector" @@ phrase;
  ELSE
    RETURN QUERY SELECT DISTINCT s."materialId" FROM public."TranscriptSegment" s
      WHERE s."pairVector" @@ pairs AND pg_catalog.ts_match_vq(s."searchVector", phrase);
  END IF;
END $$;

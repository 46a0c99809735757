-- Search speed (issue 9's benchmark). packages/search now finds candidates in one pass over
-- "Material", a bitmap of its GIN indexes, instead of diemcau_search_parts' union of every part.
DROP FUNCTION diemcau_search_parts(tsquery, tsquery, tsquery);

-- The material indexes that hold the transcript carry no statistics. With them, the planner knows
-- a common syllable is in most transcripts and reads the whole table instead, unpacking every
-- material's transcript to test it (ten times slower: it cannot see what a transcript costs to
-- read). Without them it estimates a few rows and always follows the index, which needs no
-- transcript at all. Rebuilt, so no statistics gathered before stay behind.
DROP INDEX "Material_withTranscript_idx";
DROP INDEX "Material_withChat_idx";
DROP INDEX "Material_exactWithTranscript_idx";
CREATE INDEX "Material_withTranscript_idx" ON "Material" USING GIN (("searchVector" || coalesce("transcriptVector", ''::tsvector)));
CREATE INDEX "Material_withChat_idx" ON "Material" USING GIN (("searchVector" || coalesce("chatVector", ''::tsvector)));
CREATE INDEX "Material_exactWithTranscript_idx" ON "Material"
  USING GIN ((diemcau_material_exact_vector("title", "tags", "description", "subject", "grade") || coalesce("transcriptExactVector", ''::tsvector)));
ALTER INDEX "Material_withTranscript_idx" ALTER COLUMN 1 SET STATISTICS 0;
ALTER INDEX "Material_withChat_idx" ALTER COLUMN 1 SET STATISTICS 0;
ALTER INDEX "Material_exactWithTranscript_idx" ALTER COLUMN 1 SET STATISTICS 0;

-- Materials with a transcript line or a chat message that has the words side by side. Lines are
-- short, so the phrase is checked on the few the GIN index leads to; enable_seqscan = off keeps
-- the planner from reading a million lines when the words are common.
CREATE FUNCTION diemcau_transcript_phrase_materials(phrase tsquery) RETURNS SETOF TEXT
  LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
  SET enable_seqscan = off
  AS $$ SELECT DISTINCT s."materialId" FROM public."TranscriptSegment" s WHERE s."searchVector" @@ phrase $$;
CREATE FUNCTION diemcau_chat_phrase_materials(phrase tsquery) RETURNS SETOF TEXT
  LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
  SET enable_seqscan = off
  AS $$ SELECT DISTINCT c."materialId" FROM public."ChatLine" c WHERE c."searchVector" @@ phrase $$;

-- Typo tolerance reads the folded title and tags of every near material twice (the trigram
-- index's recheck, then the order by similarity): kept in a column, they are folded once, when written.
ALTER TABLE "Material" ADD COLUMN "fuzzyText" TEXT GENERATED ALWAYS AS (diemcau_material_fuzzy_text("title", "tags")) STORED;
DROP INDEX "Material_fuzzyText_idx";
CREATE INDEX "Material_fuzzyText_idx" ON "Material" USING GIN ("fuzzyText" gin_trgm_ops);

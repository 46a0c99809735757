-- Search (issue 9). Everything is matched folded (diemcau_fold: no diacritics, đ → d, lower case),
-- so "phan so" finds "phân số". Beside the folded vectors, vectors that keep the diacritics let a
-- query typed with them rank exact-accent matches first. The parts of a material:
--   searchVector                 title A, tags B, description, subject and "lớp <grade>" C (generated)
--   (the same with diacritics)   an index expression only
--   transcriptVector(+Exact)     every TranscriptSegment, in time order (kept by triggers)
--   chatVector                   every ChatLine (kept by triggers)
--   DocumentLink, MaterialAttachment   linked documents and attached PDFs (their own GIN indexes)
-- The transcript and the chat are indexed together with the material's own fields, so a query
-- whose words are split between the title and what was said still finds the lesson. Segments and
-- chat lines keep their own vectors for timed hits.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Function bodies name their schema: PostgreSQL 17 (the embedded PGlite) builds expression indexes
-- with search_path = pg_catalog.

-- Lower case with the diacritics kept (NFC, so a decomposed "ê" equals a precomposed one).
CREATE OR REPLACE FUNCTION diemcau_lower(input TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(normalize(input, NFC)) $$;

-- For ts_headline only: parses the original text and folds each word, so the words of the
-- original (with diacritics) whose folded form matches a folded query are the ones highlighted.
CREATE TEXT SEARCH CONFIGURATION diemcau (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION diemcau
  ALTER MAPPING FOR asciiword, word, numword, email, url, host, sfloat, version, hword_numpart, hword_part,
    hword_asciipart, numhword, asciihword, hword, url_path, file, float, int, uint
  WITH public.unaccent, pg_catalog.simple;

-- The material's own fields: the chat moves to its own vector (it ranks below the transcript).
DROP INDEX "Material_searchVector_idx";
ALTER TABLE "Material" DROP COLUMN "searchVector";
DROP FUNCTION diemcau_material_vector(TEXT, TEXT[], TEXT, TEXT, TEXT);
ALTER TABLE "Material" DROP COLUMN "chatText";

-- The C part: description, subject and grade as people say it ("lớp 6").
CREATE OR REPLACE FUNCTION diemcau_material_details(description TEXT, subject TEXT, grade INTEGER) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(description, '') || E'\n' || coalesce(subject, '') || coalesce(E'\nlớp ' || grade::text, '') $$;

-- Title A, tags B, details C, each already folded or lower-cased.
CREATE OR REPLACE FUNCTION diemcau_weighted_fields(title TEXT, tags TEXT, details TEXT) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', tags), 'B') || setweight(to_tsvector('simple', details), 'C') $$;

CREATE OR REPLACE FUNCTION diemcau_material_vector(title TEXT, tags TEXT[], description TEXT, subject TEXT, grade INTEGER) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT public.diemcau_weighted_fields(public.diemcau_fold(coalesce(title, '')), public.diemcau_fold(coalesce(array_to_string(tags, ' '), '')),
    public.diemcau_fold(public.diemcau_material_details(description, subject, grade))) $$;

CREATE OR REPLACE FUNCTION diemcau_material_exact_vector(title TEXT, tags TEXT[], description TEXT, subject TEXT, grade INTEGER) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT public.diemcau_weighted_fields(public.diemcau_lower(coalesce(title, '')), public.diemcau_lower(coalesce(array_to_string(tags, ' '), '')),
    public.diemcau_lower(public.diemcau_material_details(description, subject, grade))) $$;

-- Title and tags folded, for typo tolerance (trigram similarity).
CREATE OR REPLACE FUNCTION diemcau_material_fuzzy_text(title TEXT, tags TEXT[]) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT public.diemcau_fold(coalesce(title, '') || ' ' || coalesce(array_to_string(tags, ' '), '')) $$;

ALTER TABLE "Material"
  ADD COLUMN "searchVector" tsvector
    GENERATED ALWAYS AS (diemcau_material_vector("title", "tags", "description", "subject", "grade")) STORED,
  ADD COLUMN "transcriptVector" tsvector,
  ADD COLUMN "transcriptExactVector" tsvector,
  ADD COLUMN "chatVector" tsvector,
  ADD COLUMN "viewCount" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "Material_searchVector_idx" ON "Material" USING GIN ("searchVector");
-- Queries must spell these expressions exactly so (packages/search) for the indexes to be used.
CREATE INDEX "Material_withTranscript_idx" ON "Material" USING GIN (("searchVector" || coalesce("transcriptVector", ''::tsvector)));
CREATE INDEX "Material_withChat_idx" ON "Material" USING GIN (("searchVector" || coalesce("chatVector", ''::tsvector)));
CREATE INDEX "Material_exactWithTranscript_idx" ON "Material"
  USING GIN ((diemcau_material_exact_vector("title", "tags", "description", "subject", "grade") || coalesce("transcriptExactVector", ''::tsvector)));
CREATE INDEX "Material_fuzzyText_idx" ON "Material" USING GIN (diemcau_material_fuzzy_text("title", "tags") gin_trgm_ops);

-- Chat lines with their second in the recording.
CREATE TABLE "ChatLine" (
    "id" TEXT NOT NULL,
    "materialId" TEXT NOT NULL,
    "atSec" DOUBLE PRECISION NOT NULL,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', public.diemcau_fold("author" || ': ' || "text"))) STORED,
    CONSTRAINT "ChatLine_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ChatLine_materialId_atSec_idx" ON "ChatLine"("materialId", "atSec");
CREATE INDEX "ChatLine_searchVector_idx" ON "ChatLine" USING GIN ("searchVector");
ALTER TABLE "ChatLine" ADD CONSTRAINT "ChatLine_materialId_fkey" FOREIGN KEY ("materialId") REFERENCES "Material"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A material's transcript and chat as one text each (time order), folded and with diacritics.
-- Segments are written by several writers (caption upload, corrections, transcription, slide OCR),
-- so statement triggers keep the material's vectors current whoever writes, once per statement.
CREATE OR REPLACE FUNCTION diemcau_refresh_timed_vectors(material_ids TEXT[]) RETURNS void
  LANGUAGE sql
  AS $$
    UPDATE public."Material" m SET
      "transcriptVector" = to_tsvector('simple', public.diemcau_fold(t.transcript)),
      "transcriptExactVector" = to_tsvector('simple', public.diemcau_lower(t.transcript)),
      "chatVector" = to_tsvector('simple', public.diemcau_fold(t.chat))
    FROM (
      SELECT ids.id,
        (SELECT string_agg(s."text", E'\n' ORDER BY s."startSec", s."id") FROM public."TranscriptSegment" s WHERE s."materialId" = ids.id) AS transcript,
        (SELECT string_agg(c."author" || ': ' || c."text", E'\n' ORDER BY c."atSec", c."id") FROM public."ChatLine" c WHERE c."materialId" = ids.id) AS chat
      FROM unnest(material_ids) AS ids(id)
    ) t
    WHERE m."id" = t.id $$;

CREATE OR REPLACE FUNCTION diemcau_timed_rows_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM public.diemcau_refresh_timed_vectors(ARRAY(SELECT DISTINCT "materialId" FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM public.diemcau_refresh_timed_vectors(ARRAY(SELECT DISTINCT "materialId" FROM old_rows));
    ELSE
      PERFORM public.diemcau_refresh_timed_vectors(ARRAY(SELECT "materialId" FROM new_rows UNION SELECT "materialId" FROM old_rows));
    END IF;
    RETURN NULL;
  END $$;

CREATE TRIGGER "TranscriptSegment_inserted" AFTER INSERT ON "TranscriptSegment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diemcau_timed_rows_changed();
CREATE TRIGGER "TranscriptSegment_updated" AFTER UPDATE ON "TranscriptSegment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diemcau_timed_rows_changed();
CREATE TRIGGER "TranscriptSegment_deleted" AFTER DELETE ON "TranscriptSegment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION diemcau_timed_rows_changed();
CREATE TRIGGER "ChatLine_inserted" AFTER INSERT ON "ChatLine"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diemcau_timed_rows_changed();
CREATE TRIGGER "ChatLine_updated" AFTER UPDATE ON "ChatLine"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diemcau_timed_rows_changed();
CREATE TRIGGER "ChatLine_deleted" AFTER DELETE ON "ChatLine"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION diemcau_timed_rows_changed();

-- Transcripts written before this migration.
SELECT public.diemcau_refresh_timed_vectors(ARRAY(SELECT DISTINCT "materialId" FROM "TranscriptSegment"));

-- Linked documents: "1234/SGDĐT-VP" is one token to the parser, so its parts are added too
-- ("sgddt" finds it), with the subject (trích yếu) and the document type.
CREATE OR REPLACE FUNCTION diemcau_document_vector(number_notation TEXT, subject TEXT, document_type TEXT) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT
    to_tsvector('simple', public.diemcau_fold(coalesce(number_notation, ''))) ||
    to_tsvector('simple', regexp_replace(public.diemcau_fold(coalesce(number_notation, '')), '[^[:alnum:]]+', ' ', 'g')) ||
    to_tsvector('simple', public.diemcau_fold(coalesce(document_type, '') || ' ' || coalesce(subject, ''))) $$;

CREATE INDEX "DocumentLink_search_idx" ON "DocumentLink" USING GIN (diemcau_document_vector("numberNotation", "subject", "documentType"));
CREATE INDEX "Recording_eventId_idx" ON "Recording"("eventId");

-- Documents attached to a material (PDF), with the text pdftotext extracted.
CREATE TYPE "AttachmentStatus" AS ENUM ('PENDING', 'READY', 'FAILED');
CREATE TABLE "MaterialAttachment" (
    "id" TEXT NOT NULL,
    "materialId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "status" "AttachmentStatus" NOT NULL DEFAULT 'PENDING',
    "text" TEXT,
    "errorCode" TEXT,
    "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', public.diemcau_fold("fileName" || E'\n' || coalesce("text", '')))) STORED,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MaterialAttachment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "MaterialAttachment_materialId_idx" ON "MaterialAttachment"("materialId");
CREATE INDEX "MaterialAttachment_searchVector_idx" ON "MaterialAttachment" USING GIN ("searchVector");
ALTER TABLE "MaterialAttachment" ADD CONSTRAINT "MaterialAttachment_materialId_fkey" FOREIGN KEY ("materialId") REFERENCES "Material"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Viewing figures (issue 13).
CREATE TABLE "MaterialView" (
    "id" TEXT NOT NULL,
    "materialId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "viewerKey" TEXT NOT NULL,
    "userId" TEXT,
    "watchedSec" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "countedAt" TIMESTAMP(3),
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MaterialView_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "MaterialView_materialId_day_viewerKey_key" ON "MaterialView"("materialId", "day", "viewerKey");
CREATE INDEX "MaterialView_day_idx" ON "MaterialView"("day");
ALTER TABLE "MaterialView" ADD CONSTRAINT "MaterialView_materialId_fkey" FOREIGN KEY ("materialId") REFERENCES "Material"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MaterialView" ADD CONSTRAINT "MaterialView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "ViewSalt" (
    "day" DATE NOT NULL,
    "salt" TEXT NOT NULL,
    CONSTRAINT "ViewSalt_pkey" PRIMARY KEY ("day")
);

-- Which part of each material holds all the words of a search (packages/search ranks by it):
-- its own fields, with the transcript, with the chat, linked or attached documents; the phrase in
-- a transcript line, chat message or document; the words with the user's diacritics. Each part is
-- answered by a GIN index (phrases by short segment rows), and the fields' own (small) vector is
-- read from the row the transcript's index leads to. Without enable_seqscan = off the planner,
-- rightly expecting a common syllable in every transcript, reads the whole table instead and
-- unpacks every material's full transcript just to test it: ten times slower.
CREATE OR REPLACE FUNCTION diemcau_search_parts(match tsquery, phrase tsquery, exact tsquery)
  RETURNS TABLE (id TEXT, fields BOOLEAN, transcript BOOLEAN, chat BOOLEAN, document BOOLEAN,
                 transcript_phrase BOOLEAN, chat_phrase BOOLEAN, document_phrase BOOLEAN, exact_match BOOLEAN)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET enable_seqscan = off
  SET max_parallel_workers_per_gather = 0
  AS $$
    SELECT p.id, bool_or(p.part = 'fields'), bool_or(p.part IN ('fields', 'transcript')), bool_or(p.part = 'chat'),
           bool_or(p.part IN ('document', 'document-phrase')), bool_or(p.part = 'transcript-phrase'), bool_or(p.part = 'chat-phrase'),
           bool_or(p.part = 'document-phrase'), bool_or(p.part = 'exact')
    FROM (
      SELECT m."id", CASE WHEN m."searchVector" @@ match THEN 'fields' ELSE 'transcript' END AS part
        FROM public."Material" m WHERE (m."searchVector" || coalesce(m."transcriptVector", ''::tsvector)) @@ match
      UNION ALL
      SELECT m."id", 'chat' FROM public."Material" m WHERE (m."searchVector" || coalesce(m."chatVector", ''::tsvector)) @@ match
      UNION ALL
      SELECT d."materialId", CASE WHEN phrase IS NOT NULL AND public.diemcau_document_vector(d."numberNotation", d."subject", d."documentType") @@ phrase THEN 'document-phrase' ELSE 'document' END
        FROM public."DocumentLink" d WHERE d."materialId" IS NOT NULL AND public.diemcau_document_vector(d."numberNotation", d."subject", d."documentType") @@ match
      UNION ALL
      SELECT mm."id", CASE WHEN phrase IS NOT NULL AND public.diemcau_document_vector(d."numberNotation", d."subject", d."documentType") @@ phrase THEN 'document-phrase' ELSE 'document' END
        FROM public."DocumentLink" d JOIN public."Recording" r ON r."eventId" = d."eventId" JOIN public."Material" mm ON mm."recordingId" = r."id"
       WHERE public.diemcau_document_vector(d."numberNotation", d."subject", d."documentType") @@ match
      UNION ALL
      SELECT a."materialId", CASE WHEN phrase IS NOT NULL AND a."searchVector" @@ phrase THEN 'document-phrase' ELSE 'document' END
        FROM public."MaterialAttachment" a WHERE a."status" = 'READY' AND a."searchVector" @@ match
      UNION ALL
      SELECT s."materialId", 'transcript-phrase' FROM public."TranscriptSegment" s WHERE phrase IS NOT NULL AND s."searchVector" @@ phrase
      UNION ALL
      SELECT c."materialId", 'chat-phrase' FROM public."ChatLine" c WHERE phrase IS NOT NULL AND c."searchVector" @@ phrase
      UNION ALL
      SELECT m."id", 'exact' FROM public."Material" m
       WHERE exact IS NOT NULL
         AND (public.diemcau_material_exact_vector(m."title", m."tags", m."description", m."subject", m."grade") || coalesce(m."transcriptExactVector", ''::tsvector)) @@ exact
    ) p
    GROUP BY p.id
    HAVING bool_or(p.part IN ('fields', 'transcript', 'chat', 'document', 'document-phrase')) $$;

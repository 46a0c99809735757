-- Search vectors for materials (architecture: Postgres FTS with unaccent, weighted
-- title > tags > description > transcript/chat), kept by PostgreSQL itself in generated columns.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Vietnamese folded for search: no diacritics (đ → d), lower case. unaccent() is only STABLE (its
-- dictionary could be changed), so generated columns need this IMMUTABLE wrapper that names it.
CREATE OR REPLACE FUNCTION diemcau_fold(input TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$;

-- The weighted vector of a material's own fields and its chat log (filled by the material.index job).
CREATE OR REPLACE FUNCTION diemcau_material_vector(title TEXT, tags TEXT[], description TEXT, subject TEXT, chat TEXT) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT
    setweight(to_tsvector('simple', diemcau_fold(coalesce(title, ''))), 'A') ||
    setweight(to_tsvector('simple', diemcau_fold(coalesce(array_to_string(tags, ' '), ''))), 'B') ||
    setweight(to_tsvector('simple', diemcau_fold(coalesce(description, '') || ' ' || coalesce(subject, ''))), 'C') ||
    setweight(to_tsvector('simple', diemcau_fold(coalesce(chat, ''))), 'D') $$;

-- AlterTable
ALTER TABLE "Material" ADD COLUMN "chatText" TEXT;
ALTER TABLE "Material" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (diemcau_material_vector("title", "tags", "description", "subject", "chatText")) STORED;
ALTER TABLE "TranscriptSegment" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', diemcau_fold("text"))) STORED;

-- CreateIndex
CREATE INDEX "Material_searchVector_idx" ON "Material" USING GIN ("searchVector");
CREATE INDEX "TranscriptSegment_searchVector_idx" ON "TranscriptSegment" USING GIN ("searchVector");

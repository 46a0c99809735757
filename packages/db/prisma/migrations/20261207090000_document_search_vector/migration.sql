-- A linked document's search vector, kept in a column. Search tests each matching document for
-- the phrase, and the results page marks the one that matched: computed from the number, subject
-- and type each time, it cost about 50 µs per document (three folds and a regexp), some 3 ms for
-- a common word. The index is the same vector, now read from the column.
ALTER TABLE "DocumentLink" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (diemcau_document_vector("numberNotation", "subject", "documentType")) STORED;
DROP INDEX "DocumentLink_search_idx";
CREATE INDEX "DocumentLink_searchVector_idx" ON "DocumentLink" USING GIN ("searchVector");

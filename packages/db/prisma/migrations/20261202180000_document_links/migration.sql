-- Documents connector (issue 10): DocumentLink holds what an edXML package, the document
-- system or a person says about an official document, and the free text of Event.documentRefs
-- moves into DocumentLink rows before the column goes.

CREATE TYPE "DocumentLinkSource" AS ENUM ('EDXML', 'DOCUMENT_SYSTEM', 'MANUAL', 'FREE_TEXT');

-- The department as the sender of the edXML packages the suite writes.
ALTER TABLE "Organization" ADD COLUMN "organId" TEXT;
ALTER TABLE "Organization" ADD COLUMN "place" TEXT;

-- Nothing wrote DocumentLink before this migration, so its rows (none in practice) become MANUAL.
ALTER TABLE "DocumentLink" ALTER COLUMN "numberNotation" DROP NOT NULL;
ALTER TABLE "DocumentLink" ALTER COLUMN "subject" DROP NOT NULL;
ALTER TABLE "DocumentLink" ALTER COLUMN "issuer" DROP NOT NULL;
-- Prisma stores instants as UTC in timestamp columns: the day is the day in Vietnam.
ALTER TABLE "DocumentLink" RENAME COLUMN "promulgatedAt" TO "promulgatedOn";
ALTER TABLE "DocumentLink" ALTER COLUMN "promulgatedOn" TYPE DATE USING ("promulgatedOn" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
ALTER TABLE "DocumentLink" DROP COLUMN "url";
ALTER TABLE "DocumentLink" ADD COLUMN "issuerOrganId" TEXT;
ALTER TABLE "DocumentLink" ADD COLUMN "place" TEXT;
ALTER TABLE "DocumentLink" ADD COLUMN "recipients" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "DocumentLink" ADD COLUMN "attachments" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "DocumentLink" ADD COLUMN "source" "DocumentLinkSource" NOT NULL DEFAULT 'MANUAL';
ALTER TABLE "DocumentLink" ALTER COLUMN "source" DROP DEFAULT;

-- Free text → rows, one per line (the form asked for one document a line). Prisma's driver
-- adapter splits this script at every semicolon, even in quotes: inside strings it is \x3B.
-- A number and notation is digits, an optional year, then the notation: 1234/SGDĐT-VP,
-- 15/KH-SGDĐT, 45/2024/TT-BGDĐT. A line of numbers only ("1234/SGDĐT-VP, 15/KH-SGDĐT") gives a row
-- per number. Otherwise the first number is the row's number, the words before it may name the
-- type ("Công văn số …"), "ngày d/M/yyyy" the date, "của … về việc" the issuer, and the text after
-- "về việc"/"V/v" (else everything after the number) the subject. A line without a number is
-- kept whole as the subject, so nothing typed is lost.
WITH lines AS (
  SELECT e.id AS event_id, btrim(t.line, E' \t\r') AS line, t.n
  FROM "Event" e
  CROSS JOIN LATERAL regexp_split_to_table(e."documentRefs", E'\n') WITH ORDINALITY AS t(line, n)
  WHERE e."documentRefs" IS NOT NULL
),
numbered AS (
  SELECT l.*,
    ARRAY(SELECT m[1] FROM regexp_matches(l.line, '([0-9]+(?:/[0-9]{4})?/[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*)', 'g') AS m) AS found
  FROM lines l
  WHERE l.line <> ''
),
numbers_only AS (
  SELECT event_id, n, number, k
  FROM numbered
  CROSS JOIN LATERAL unnest(found) WITH ORDINALITY AS u(number, k)
  WHERE cardinality(found) > 1
    AND btrim(regexp_replace(regexp_replace(line, '([0-9]+(?:/[0-9]{4})?/[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*)', '', 'g'),
      '(^|[\s,\x3B])(và|số)(?=[\s,\x3B]|$)', '\1', 'g'), E' ,\x3B.\t') = ''
),
single AS (
  SELECT event_id, n, line, found[1] AS number,
    CASE WHEN found[1] IS NULL THEN NULL ELSE split_part(line, found[1], 1) END AS before,
    CASE WHEN found[1] IS NULL THEN NULL ELSE substr(line, strpos(line, found[1]) + length(found[1])) END AS after
  FROM numbered
  WHERE NOT (cardinality(found) > 1 AND (event_id, n) IN (SELECT event_id, n FROM numbers_only))
),
split AS (
  SELECT s.*,
    substring(s.after FROM '(về việc|Về việc|V/v|v/v)') AS marker,
    substring(s.line FROM 'ngày ([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})') AS day_text
  FROM single s
),
fields AS (
  SELECT event_id, n, line, number,
    substring(before FROM '^\s*([Cc]ông văn|[Kk]ế hoạch|[Qq]uyết định|[Tt]hông báo|[Cc]hỉ thị|[Hh]ướng dẫn|[Tt]hông tư|[Nn]ghị định|[Nn]ghị quyết|[Tt]ờ trình|[Bb]áo cáo|[Gg]iấy mời|[Cc]ông điện)') AS type_name,
    CASE WHEN marker IS NOT NULL
      THEN btrim(substring(split_part(after, marker, 1) FROM 'của\s+(.*)$'), E' ,\x3B:.-\t')
    END AS issuer,
    btrim(
      regexp_replace(
        CASE WHEN marker IS NOT NULL THEN substr(after, strpos(after, marker) + length(marker)) ELSE after END,
        '^[\s,\x3B:.–—-]*(ngày [0-9]{1,2}/[0-9]{1,2}/[0-9]{4})?[\s,\x3B:.–—-]*', ''),
      E' \t') AS subject_text,
    day_text
  FROM split
),
dated AS (
  SELECT f.*,
    split_part(day_text, '/', 1)::int AS d, split_part(day_text, '/', 2)::int AS m, split_part(day_text, '/', 3)::int AS y
  FROM fields f
),
rows AS (
  SELECT event_id, n, 1 AS k, number,
    CASE WHEN number IS NULL THEN line ELSE nullif(subject_text, '') END AS subject,
    CASE WHEN type_name IS NOT NULL THEN upper(left(type_name, 1)) || substr(type_name, 2) END AS document_type,
    nullif(issuer, '') AS issuer,
    -- make_date would abort the migration on 31/02: only real calendar days become dates.
    CASE WHEN day_text IS NOT NULL AND m BETWEEN 1 AND 12 AND y BETWEEN 1900 AND 2200 AND d BETWEEN 1 AND
      extract(day FROM make_date(y, m, 1) + interval '1 month' - interval '1 day')::int
      THEN make_date(y, m, d) END AS promulgated_on
  FROM dated
  UNION ALL
  SELECT event_id, n, k, number, NULL, NULL, NULL, NULL FROM numbers_only
)
INSERT INTO "DocumentLink" ("id", "eventId", "numberNotation", "subject", "documentType", "issuer", "promulgatedOn", "source", "createdAt")
SELECT gen_random_uuid()::text, event_id, number, subject, document_type, issuer, promulgated_on, 'FREE_TEXT',
  -- Microseconds apart, so the rows list in the order the lines were typed.
  now() + (n * 1000 + k) * interval '1 microsecond'
FROM (
  -- A number typed twice for one event becomes one row (the first), as the unique index below wants.
  SELECT DISTINCT ON (event_id, coalesce(number, n || ':' || k)) *
  FROM rows
  ORDER BY event_id, coalesce(number, n || ':' || k), n, k
) AS first_of_each;

ALTER TABLE "Event" DROP COLUMN "documentRefs";

-- A link belongs to an event or to a material, and says at least a number or a subject.
ALTER TABLE "DocumentLink" ADD CONSTRAINT "DocumentLink_one_target" CHECK (("eventId" IS NULL) <> ("materialId" IS NULL));
ALTER TABLE "DocumentLink" ADD CONSTRAINT "DocumentLink_number_or_subject" CHECK ("numberNotation" IS NOT NULL OR "subject" IS NOT NULL);

-- The same document once per event and once per material.
CREATE UNIQUE INDEX "DocumentLink_eventId_numberNotation_key" ON "DocumentLink"("eventId", "numberNotation");
CREATE UNIQUE INDEX "DocumentLink_materialId_numberNotation_key" ON "DocumentLink"("materialId", "numberNotation");

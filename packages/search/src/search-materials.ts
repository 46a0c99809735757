import { Prisma, type Db } from "@diemcau/db";
import { MATERIAL_DATE } from "./material-date";
import { loadPageItems, type TSearchItem } from "./page-items";
import { hasWords, parseSearchQuery } from "./parse-query";
import { buildQuerySql, type TQuerySql } from "./query-sql";
import { suggestCorrection } from "./suggest-correction";

/**
 * A condition on the materials a viewer may open, over the alias `m` ("Material"). The caller owns
 * the access rules (apps/web/lib/materials); every query here applies it, and the page's items are
 * loaded only where it holds.
 */
export type TVisibleMaterialsSql = Prisma.Sql;

export interface TSearchFilters {
  subject?: string;
  grade?: number;
  /** The owner's district, or a district whose bridge point took part in the recorded event. */
  districtId?: string;
  ownerId?: string;
  /** The material's date (when it was made: the recording finalized, the video uploaded) from this instant on … */
  from?: Date;
  /** … and before this one. */
  to?: Date;
  /** CONFERENCE: recorded conferences; CLASS: lessons and uploaded videos. */
  kind?: "CONFERENCE" | "CLASS";
}

export type TSearchSort = "relevance" | "newest" | "views";

export interface TSearchRequest {
  query: string;
  /** The user is still typing (results follow each keystroke): the last word counts as a prefix. */
  typing?: boolean;
  filters?: TSearchFilters;
  /** Relevance needs words to look for; without them the newest come first. */
  sort?: TSearchSort;
  page?: number;
  pageSize?: number;
  visible: TVisibleMaterialsSql;
}

export interface TSearchResult {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  items: TSearchItem[];
  /** "Có phải bạn muốn tìm …": a spelling of the query that titles and tags use, when nothing matched. */
  suggestion: string | null;
  /** The items are near matches of titles and tags (typo tolerance), not matches of the words. */
  approximate: boolean;
}

export const DEFAULT_PAGE_SIZE = 20;
/**
 * The ranking reads each candidate's whole transcript (ts_rank_cd), so it only reads those that
 * can make the page: candidates are first ordered by what their small columns and the indexes
 * tell (exact accents, phrase, which part matched, the title's own rank), and this many past the
 * page are ranked in full.
 */
export const RANKED_CANDIDATES = 100;
/**
 * Up to this many candidates (a filter, a rare word), each is checked for the phrase and the exact
 * accents in its own rows. Past it, the sets the indexes answer once over the whole corpus are
 * cheaper; with few candidates, those sets cost the most of a search (for "phân số" in Toán grade 6,
 * 86 candidates, the phrase set read every transcript line with both syllables).
 */
export const PROBED_CANDIDATES = 100;

// Recordings of events, for `m."recordingId" IN (…)`: a set made once per query, not a subquery per material.
const RECORDINGS_OF_EVENTS = Prisma.sql`SELECT r."id" FROM "Recording" r JOIN "Event" e ON e."id" = r."eventId"`;

function filterSql(filters: TSearchFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filters.subject) conditions.push(Prisma.sql`m."subject" = ${filters.subject}`);
  if (filters.grade !== undefined) conditions.push(Prisma.sql`m."grade" = ${filters.grade}`);
  if (filters.ownerId) conditions.push(Prisma.sql`m."ownerId" = ${filters.ownerId}`);
  if (filters.from) conditions.push(Prisma.sql`${MATERIAL_DATE} >= ${filters.from}`);
  if (filters.to) conditions.push(Prisma.sql`${MATERIAL_DATE} < ${filters.to}`);
  if (filters.kind === "CONFERENCE") conditions.push(Prisma.sql`m."recordingId" IN (${RECORDINGS_OF_EVENTS} WHERE e."kind" = 'CONFERENCE')`);
  if (filters.kind === "CLASS") {
    conditions.push(Prisma.sql`(m."recordingId" IS NULL OR m."recordingId" NOT IN (${RECORDINGS_OF_EVENTS} WHERE e."kind" <> 'CLASS'))`);
  }
  if (filters.districtId) {
    conditions.push(Prisma.sql`(
      m."ownerId" IN (SELECT o."id" FROM "User" o WHERE o."districtId" = ${filters.districtId})
      OR m."recordingId" IN (${RECORDINGS_OF_EVENTS} JOIN "EventBridgePoint" ebp ON ebp."eventId" = e."id"
                             JOIN "BridgePoint" bp ON bp."id" = ebp."bridgePointId" WHERE bp."districtId" = ${filters.districtId}))`);
  }
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

const ORDER_BY: Record<Exclude<TSearchSort, "relevance">, Prisma.Sql> = {
  newest: Prisma.sql`date DESC, id`,
  views: Prisma.sql`"viewCount" DESC, date DESC, id`,
};

/**
 * Searches the materials the viewer may open: folded full-text search over titles, tags,
 * descriptions, linked and attached documents, transcripts and chat, ranked for Vietnamese.
 * Without words it lists them (the library), newest or most viewed first.
 */
export async function searchMaterials(db: Db, request: TSearchRequest): Promise<TSearchResult> {
  const query = parseSearchQuery(request.query, { typing: request.typing });
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = Math.max(1, request.page ?? 1);
  const filters = filterSql(request.filters ?? {});
  const base = { query: query.text, page, pageSize, suggestion: null, approximate: false };

  if (!hasWords(query)) {
    // Operators or excluded words alone look for nothing; an empty box lists everything.
    if (query.text) return { ...base, total: 0, items: [] };
    const sort = request.sort === "views" ? "views" : "newest";
    const rows = await db.$queryRaw<{ id: string | null; total: number }[]>`
      WITH listed AS (SELECT m."id" AS id, ${MATERIAL_DATE} AS date, m."viewCount" AS "viewCount" FROM "Material" m WHERE (${request.visible}) AND ${filters}),
      page AS (SELECT id, row_number() OVER (ORDER BY ${ORDER_BY[sort]}) AS position FROM listed ORDER BY position LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize})
      SELECT page.id, (SELECT count(*)::int FROM listed) AS total FROM (SELECT 1) AS one LEFT JOIN page ON TRUE ORDER BY page.position`;
    return { ...base, total: rows[0]?.total ?? 0, items: await loadPageItems(db, presentIds(rows), request.visible, null) };
  }

  const sql = buildQuerySql(query);
  const ranked = await rankMatches(db, sql, { ...request, page, pageSize }, filters);
  if (ranked.total > 0 || page > 1) {
    return { ...base, total: ranked.total, items: await loadPageItems(db, ranked.ids, request.visible, sql) };
  }
  const near = await suggestCorrection(db, query, request.visible, filters, pageSize);
  const items = await loadPageItems(db, near.ids, request.visible, null);
  return { ...base, total: near.ids.length, items, suggestion: near.suggestion, approximate: near.ids.length > 0 };
}

// The expressions of the GIN indexes of migration 20261203120000_search, spelled exactly so.
const WITH_TRANSCRIPT = Prisma.sql`(m."searchVector" || coalesce(m."transcriptVector", ''::tsvector))`;
const WITH_CHAT = Prisma.sql`(m."searchVector" || coalesce(m."chatVector", ''::tsvector))`;
const EXACT_WITH_TRANSCRIPT = Prisma.sql`(diemcau_material_exact_vector(x."title", x."tags", x."description", x."subject", x."grade") || coalesce(x."transcriptExactVector", ''::tsvector))`;

/**
 * Materials with a linked or attached document that has all the words, and whether it has them
 * side by side: the `documents` of rankMatches.
 */
function documentsSql({ match, phrase, hasPhrase }: TQuerySql): Prisma.Sql {
  const phraseIn = (vector: Prisma.Sql) => (hasPhrase ? Prisma.sql`${vector} @@ ${phrase}` : Prisma.sql`FALSE`);
  return Prisma.sql`
    SELECT d."materialId" AS id, ${phraseIn(Prisma.sql`d."searchVector"`)} AS phrase
      FROM "DocumentLink" d WHERE d."materialId" IS NOT NULL AND d."searchVector" @@ ${match}
    UNION ALL
    SELECT mm."id", ${phraseIn(Prisma.sql`d."searchVector"`)}
      FROM "DocumentLink" d
      -- The event's recordings by its index; OFFSET 0 keeps the planner from making this a hash
      -- join, which read every recording ever made for each search (2 ms at 10,000, and growing).
      JOIN LATERAL (SELECT r."id" FROM "Recording" r WHERE r."eventId" = d."eventId" OFFSET 0) r ON TRUE
      JOIN "Material" mm ON mm."recordingId" = r."id"
     WHERE d."searchVector" @@ ${match}
    UNION ALL
    SELECT a."materialId", ${phraseIn(Prisma.sql`a."searchVector"`)}
      FROM "MaterialAttachment" a WHERE a."status" = 'READY' AND a."searchVector" @@ ${match}`;
}

/**
 * One pass over the matching materials, led by the GIN indexes (the fields with the transcript,
 * then with the chat, and the documents' materials); each candidate's rank comes from its own row,
 * from the part it was found in, and from sets the indexes answer once (exact accents, phrases in
 * transcript lines and chat messages, documents); no candidate's transcript is read until the
 * page's few are ranked in full.
 */
async function rankMatches(
  db: Db,
  sql: TQuerySql,
  request: TSearchRequest & { page: number; pageSize: number },
  filters: Prisma.Sql,
): Promise<{ ids: string[]; total: number }> {
  const { match, phrase, exact, hasPhrase, phraseWords } = sql;
  const offset = (request.page - 1) * request.pageSize;
  const sort = request.sort ?? "relevance";

  // Candidates come in two parts: those whose fields and transcript have the words (the GIN index
  // of both), and the rest, which only the chat or a document has. So the part tells the transcript
  // tier, and the index is read once: worked out as a set, it was a second pass over every match.
  // In the first part, the fields have the words exactly when they are all in the material's own
  // columns (even with excluded words, as the whole has the words); in the second, never.
  const withTranscript = Prisma.sql`${WITH_TRANSCRIPT} @@ ${match}`;
  const fields = Prisma.sql`m."searchVector" @@ ${match}`;
  const fieldTier = (q: Prisma.Sql) => Prisma.sql`CASE
      WHEN ts_filter(m."searchVector", '{a}') @@ ${q} THEN 5 WHEN ts_filter(m."searchVector", '{b}') @@ ${q} THEN 4 ELSE 3 END`;
  const relevance = sort === "relevance";
  // What a candidate's fields tell when they have all the words: [tier, phrase tier, rank]; NULL for
  // the others (most candidates), so the fields are tested once. Sorted by date or views, nothing.
  const fieldRanks = (inTranscript: boolean) =>
    relevance && inTranscript
      ? Prisma.sql`CASE WHEN ${fields} THEN ARRAY[${fieldTier(match)}, ${
          hasPhrase ? Prisma.sql`CASE WHEN m."searchVector" @@ ${phrase} THEN ${fieldTier(phrase)} ELSE 0 END` : Prisma.sql`0`
        }, ts_rank_cd(m."searchVector", ${match})]::real[] END`
      : Prisma.sql`NULL::real[]`;
  // A candidate's own row, and the part that found it.
  const own = (inTranscript: boolean) =>
    Prisma.sql`m."id", ${fieldRanks(inTranscript)} AS field_ranks, ${Prisma.raw(String(inTranscript))} AS in_transcript, ${MATERIAL_DATE} AS date, m."viewCount" AS "viewCount"`;
  const shown = Prisma.sql`(${request.visible}) AND ${filters}`;
  // Title 5 > tags 4 > description, subject and documents 3 > transcript 2 > chat 1 (where all the words are).
  const tier = Prisma.sql`CASE WHEN f.field_ranks IS NOT NULL THEN f.field_ranks[1]::int
      WHEN f."id" IN (SELECT id FROM documents) THEN 3 WHEN f.in_transcript THEN 2 ELSE 1 END`;
  // A candidate's own rows, or a set made over the corpus (PROBED_CANDIDATES): `counted` counts the
  // candidates once (for this and the total); a set is made only when a candidate first asks for it,
  // so the other is never made.
  const ownRowsOrSet = (ownRows: Prisma.Sql, set: Prisma.Sql) =>
    Prisma.sql`CASE WHEN (SELECT total FROM counted) <= ${PROBED_CANDIDATES} THEN ${ownRows} ELSE ${set} END`;
  // A line with the phrase: read by material (ts_match_vq, which no index answers), or found through
  // the GIN indexes (the transcript's by the pairs of adjacent words, migration 20261208090000).
  const lineWithPhrase = (table: Prisma.Sql, linesWithPhrase: Prisma.Sql) =>
    ownRowsOrSet(
      Prisma.sql`(SELECT TRUE FROM ${table} l WHERE l."materialId" = f."id" AND ts_match_vq(l."searchVector", ${phrase}) LIMIT 1) IS NOT NULL`,
      Prisma.sql`f."id" IN (SELECT ${linesWithPhrase})`,
    );
  // The same for the words side by side; one word is its own phrase, so tier alone orders it.
  const phraseTier = hasPhrase
    ? Prisma.sql`CASE WHEN f.field_ranks[2] > 0 THEN f.field_ranks[2]::int
        WHEN f."id" IN (SELECT id FROM documents WHERE phrase) THEN 3
        WHEN ${lineWithPhrase(Prisma.sql`"TranscriptSegment"`, Prisma.sql`diemcau_transcript_phrase_materials(${phrase}, ${phraseWords})`)} THEN 2
        WHEN ${lineWithPhrase(Prisma.sql`"ChatLine"`, Prisma.sql`diemcau_chat_phrase_materials(${phrase})`)} THEN 1 ELSE 0 END`
    : Prisma.sql`0`;
  const exactMatch = exact
    ? ownRowsOrSet(
        Prisma.sql`(SELECT ${EXACT_WITH_TRANSCRIPT} @@ ${exact} FROM "Material" x WHERE x."id" = f."id")`,
        Prisma.sql`f."id" IN (SELECT x."id" FROM "Material" x WHERE ${EXACT_WITH_TRANSCRIPT} @@ ${exact})`,
      )
    : Prisma.sql`FALSE`;
  // Each part is kept once: `counted` adds up their rows, and `candidates`, read once by the
  // shortlist's sort, reads both without keeping them again (6,937 rows for "thì hiện tại").
  const ranks = relevance
    ? Prisma.sql`${exactMatch} AS exact, ${phraseTier} AS phrase_tier, ${tier} AS tier`
    : Prisma.sql`FALSE AS exact, 0 AS phrase_tier, 0 AS tier`;
  const rows = await db.$queryRaw<{ id: string | null; total: number }[]>`
    WITH
    documents AS MATERIALIZED (${documentsSql(sql)}),
    in_transcript AS MATERIALIZED (
      SELECT ${own(true)} FROM "Material" m WHERE ${withTranscript} AND ${shown}
    ),
    elsewhere AS MATERIALIZED (
      SELECT ${own(false)} FROM "Material" m
       WHERE (${WITH_CHAT} @@ ${match} OR m."id" = ANY(ARRAY(SELECT id FROM documents)))
         AND ${shown} AND m."id" NOT IN (SELECT id FROM in_transcript)
    ),
    counted AS MATERIALIZED (SELECT ((SELECT count(*) FROM in_transcript) + (SELECT count(*) FROM elsewhere))::int AS total),
    candidates AS (
      SELECT f."id", ${ranks}, coalesce(f.field_ranks[3], 0) AS field_rank, f.date, f."viewCount"
        FROM (SELECT * FROM in_transcript UNION ALL SELECT * FROM elsewhere) f
    ),
    shortlist AS (
      SELECT * FROM candidates
       ORDER BY ${relevance ? Prisma.sql`exact DESC, phrase_tier DESC, tier DESC, field_rank DESC, date DESC, id` : ORDER_BY[sort]}
       LIMIT ${relevance ? offset + request.pageSize + RANKED_CANDIDATES : request.pageSize} OFFSET ${relevance ? 0 : offset}
    ),
    page AS (
      SELECT s."id", row_number() OVER (ORDER BY ${
        relevance
          ? Prisma.sql`s.exact DESC, s.phrase_tier DESC, s.tier DESC,
              s.field_rank + 0.5 * ts_rank_cd(m."transcriptVector", ${match}, 1) + 0.2 * ts_rank_cd(m."chatVector", ${match}, 1) DESC,
              s.date DESC, s."id"`
          : Prisma.sql`${sort === "views" ? Prisma.sql`s."viewCount" DESC,` : Prisma.empty} s.date DESC, s."id"`
      }) AS position
      FROM shortlist s JOIN "Material" m ON m."id" = s."id"
    )
    SELECT page."id", (SELECT total FROM counted) AS total
      FROM (SELECT 1) AS one LEFT JOIN page ON page.position > ${relevance ? offset : 0}
     ORDER BY page.position LIMIT ${request.pageSize}`;
  return { ids: presentIds(rows), total: rows[0]?.total ?? 0 };
}

/** The ids of a page query, which answers one row with a null id (and the total) when the page is empty. */
function presentIds(rows: { id: string | null }[]): string[] {
  return rows.flatMap((row) => (row.id ? [row.id] : []));
}

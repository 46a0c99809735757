import { setImmediate as nextTurn } from "node:timers/promises";
import { Prisma, type Db } from "@diemcau/db";
import { HEADLINE_MARKERS, readHighlight, type THighlight } from "./highlight";
import { hasWords, parseSearchQuery } from "./parse-query";
import { buildQuerySql, type TQuerySql } from "./query-sql";
import { suggestCorrection } from "./suggest-correction";

/**
 * A condition on the materials a viewer may open, over the alias `m` ("Material"). The caller owns
 * the access rules (apps/web/lib/materials); every query here applies it.
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
  /**
   * A second check of the page's materials, by the caller's own rules (which of these ids the
   * viewer may open); it runs alongside the loading of the page, and only what it keeps is shown.
   */
  recheck?: (ids: string[]) => Promise<ReadonlySet<string>>;
}

export interface TSearchHit {
  kind: "transcript" | "chat";
  /** TranscriptSegment.source (e.g. ASR, UPLOAD, SLIDE) for transcript hits. */
  source: string | null;
  /** Where the player starts: /hoc-lieu/<id>?t=<second>. */
  second: number;
  text: THighlight;
}

export interface TSearchItem {
  id: string;
  title: THighlight;
  snippet: THighlight | null;
  /** The first linked or attached document that matched, e.g. "1234/SGDĐT-VP — Kế hoạch …". */
  document: THighlight | null;
  subject: string | null;
  grade: number | null;
  ownerName: string;
  date: Date;
  /** Played length (the trim window when there is one). */
  durationSec: number | null;
  /** Whether a poster image exists: /media/<id>/poster.jpg. */
  hasPoster: boolean;
  visibility: string;
  published: boolean;
  viewCount: number;
  hits: TSearchHit[];
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
export const MAX_HITS_PER_MATERIAL = 3;
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

// The material's own columns only, so ranking thousands of candidates joins nothing.
const DATE = Prisma.sql`m."createdAt"`;
const DURATION = Prisma.sql`(coalesce(m."trimEndSec", r."durationSec") - coalesce(m."trimStartSec", 0))`;
// Recordings of events, for `m."recordingId" IN (…)`: a set made once per query, not a subquery per material.
const RECORDINGS_OF_EVENTS = Prisma.sql`SELECT r."id" FROM "Recording" r JOIN "Event" e ON e."id" = r."eventId"`;

function filterSql(filters: TSearchFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filters.subject) conditions.push(Prisma.sql`m."subject" = ${filters.subject}`);
  if (filters.grade !== undefined) conditions.push(Prisma.sql`m."grade" = ${filters.grade}`);
  if (filters.ownerId) conditions.push(Prisma.sql`m."ownerId" = ${filters.ownerId}`);
  if (filters.from) conditions.push(Prisma.sql`${DATE} >= ${filters.from}`);
  if (filters.to) conditions.push(Prisma.sql`${DATE} < ${filters.to}`);
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
      WITH listed AS (SELECT m."id" AS id, ${DATE} AS date, m."viewCount" AS "viewCount" FROM "Material" m WHERE (${request.visible}) AND ${filters}),
      page AS (SELECT id, row_number() OVER (ORDER BY ${ORDER_BY[sort]}) AS position FROM listed ORDER BY position LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize})
      SELECT page.id, (SELECT count(*)::int FROM listed) AS total FROM (SELECT 1) AS one LEFT JOIN page ON TRUE ORDER BY page.position`;
    return { ...base, total: rows[0]?.total ?? 0, items: await loadPage(db, request, presentIds(rows), null) };
  }

  const sql = buildQuerySql(query);
  const ranked = await rankMatches(db, sql, { ...request, page, pageSize }, filters);
  if (ranked.total > 0 || page > 1) {
    return { ...base, total: ranked.total, items: await loadPage(db, request, ranked.ids, sql) };
  }
  const near = await suggestCorrection(db, query, request.visible, filters, pageSize);
  const items = await loadPage(db, request, near.ids, null);
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
  // What a candidate's own row tells, and the part that found it; sorted by date or views, the
  // ranks order nothing.
  const own = (inTranscript: boolean) => {
    const ranks =
      relevance && inTranscript
        ? Prisma.sql`CASE WHEN ${fields} THEN ${fieldTier(match)} ELSE 0 END AS field_tier,
            ${hasPhrase ? Prisma.sql`CASE WHEN ${fields} AND m."searchVector" @@ ${phrase} THEN ${fieldTier(phrase)} ELSE 0 END` : Prisma.sql`0`} AS field_phrase_tier,
            CASE WHEN ${fields} THEN ts_rank_cd(m."searchVector", ${match}) ELSE 0 END AS field_rank`
        : Prisma.sql`0 AS field_tier, 0 AS field_phrase_tier, 0::real AS field_rank`;
    return Prisma.sql`m."id", ${ranks}, ${Prisma.raw(String(inTranscript))} AS in_transcript, ${DATE} AS date, m."viewCount" AS "viewCount"`;
  };
  const shown = Prisma.sql`(${request.visible}) AND ${filters}`;
  // Title 5 > tags 4 > description, subject and documents 3 > transcript 2 > chat 1 (where all the words are).
  const tier = Prisma.sql`CASE WHEN f.field_tier > 0 THEN f.field_tier
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
    ? Prisma.sql`CASE WHEN f.field_phrase_tier > 0 THEN f.field_phrase_tier
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
  // `candidates` is read once, by the shortlist's sort, so it is not kept (keeping 6,937 rows for
  // "thì hiện tại" cost 1 ms); `counted` gives the total.
  const ranks = relevance
    ? Prisma.sql`${exactMatch} AS exact, ${phraseTier} AS phrase_tier, ${tier} AS tier`
    : Prisma.sql`FALSE AS exact, 0 AS phrase_tier, 0 AS tier`;
  const rows = await db.$queryRaw<{ id: string | null; total: number }[]>`
    WITH
    documents AS MATERIALIZED (${documentsSql(sql)}),
    in_transcript AS MATERIALIZED (
      SELECT ${own(true)} FROM "Material" m WHERE ${withTranscript} AND ${shown}
    ),
    found AS MATERIALIZED (
      SELECT * FROM in_transcript
      UNION ALL
      SELECT ${own(false)} FROM "Material" m
       WHERE (${WITH_CHAT} @@ ${match} OR m."id" = ANY(ARRAY(SELECT id FROM documents)))
         AND ${shown} AND m."id" NOT IN (SELECT id FROM in_transcript)
    ),
    counted AS MATERIALIZED (SELECT count(*)::int AS total FROM found),
    candidates AS (
      SELECT f."id", ${ranks}, f.field_rank, f.date, f."viewCount" FROM found f
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

type TItemRow = {
  id: string;
  title: string;
  title_marked: string | null;
  snippet_marked: string | null;
  document_marked: string | null;
  subject: string | null;
  grade: number | null;
  owner_name: string;
  date: Date;
  duration_sec: number | null;
  has_poster: boolean;
  visibility: string;
  published: boolean;
  view_count: number;
  hits: { kind: "transcript" | "chat"; source: string | null; second: number; marked: string }[] | null;
};

/**
 * The page's items, loaded while the caller's recheck runs, without any it does not keep. The
 * recheck starts a turn later: its query is compiled in this thread (Prisma's query compiler, a few
 * milliseconds of CPU), so the page's statement goes out first and PostgreSQL loads the page meanwhile.
 */
async function loadPage(db: Db, request: TSearchRequest, ids: string[], sql: TQuerySql | null): Promise<TSearchItem[]> {
  const [items, kept] = await Promise.all([loadItems(db, ids, sql), nextTurn().then(() => request.recheck?.(ids))]);
  return kept ? items.filter((item) => kept.has(item.id)) : items;
}

/** Titles, highlights and timed hits of one page, in the order of `ids`. */
async function loadItems(db: Db, ids: string[], sql: TQuerySql | null): Promise<TSearchItem[]> {
  if (ids.length === 0) return [];
  const headline = (text: Prisma.Sql, options: string) =>
    sql ? Prisma.sql`ts_headline('diemcau', ${text}, ${sql.anyWord}, ${`${options}, ${HEADLINE_MARKERS}`})` : Prisma.sql`NULL`;
  const rows = await db.$queryRaw<TItemRow[]>`
    ${sql ? Prisma.sql`WITH ${pageHits(sql, ids)}` : Prisma.empty}
    SELECT m."id", m."title", ${headline(Prisma.sql`m."title"`, "HighlightAll=true")} AS title_marked,
      CASE WHEN m."description" IS NOT NULL THEN ${headline(Prisma.sql`m."description"`, "MaxWords=30, MinWords=12, MaxFragments=2")} END AS snippet_marked,
      ${sql ? matchedDocument(sql) : Prisma.sql`NULL`} AS document_marked,
      m."subject", m."grade", o."name" AS owner_name, ${DATE} AS date, ${DURATION} AS duration_sec,
      (r."status" = 'READY' AND r."storagePrefix" IS NOT NULL) AS has_poster,
      m."visibility"::text AS visibility, m."published", m."viewCount" AS view_count,
      ${sql ? Prisma.sql`hits.hits` : Prisma.sql`NULL`} AS hits
    FROM "Material" m LEFT JOIN "Recording" r ON r."id" = m."recordingId" LEFT JOIN "Event" e ON e."id" = r."eventId"
      JOIN "User" o ON o."id" = m."ownerId"
      ${sql ? Prisma.sql`LEFT JOIN hits ON hits.material_id = m."id"` : Prisma.empty}
    WHERE m."id" = ANY(${ids})`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const snippet = row.snippet_marked ? readHighlight(row.snippet_marked) : null;
    return [
      {
        id: row.id,
        title: readHighlight(row.title_marked ?? row.title),
        snippet: snippet?.some((run) => run.hit) ? snippet : null,
        document: row.document_marked ? readHighlight(row.document_marked) : null,
        subject: row.subject,
        grade: row.grade,
        ownerName: row.owner_name,
        date: row.date,
        durationSec: row.duration_sec,
        hasPoster: row.has_poster ?? false,
        visibility: row.visibility,
        published: row.published,
        viewCount: row.view_count,
        hits: (row.hits ?? []).map((hit) => ({ kind: hit.kind, source: hit.source, second: hit.second, text: readHighlight(hit.marked) })),
      },
    ];
  });
}

/**
 * The `hits` of the page's materials (material_id, hits): up to three transcript lines or chat
 * messages of each, inside its trim window: lines with every word first, then the phrase, then
 * (among lines with every word) the user's own accents, then the densest; shown in time order. The
 * lines of the whole page are read in one pass, by material, and tested with ts_match_vq (the
 * function behind @@, which no index answers): the cost follows the page's transcripts, not the
 * corpus. Through the GIN index, a common word's entry (every line of the corpus that has it) was
 * read whole, for each material.
 */
function pageHits({ match, phrase, anyWord, exact }: TQuerySql, ids: string[]): Prisma.Sql {
  // Only lines with every word are parsed for the accents: parsing is most of what a line costs here.
  const exactFirst = exact ? Prisma.sql`(x.v @@ ${match} AND to_tsvector('simple', diemcau_lower(x.text)) @@ ${exact}) DESC,` : Prisma.empty;
  return Prisma.sql`
    trimmed AS MATERIALIZED (
      SELECT w."id", coalesce(w."trimStartSec", 0) AS start, coalesce(w."trimEndSec", 'Infinity'::float8) AS "end"
        FROM "Material" w WHERE w."id" = ANY(${ids})
    ),
    lines AS (
      SELECT s."materialId" AS material_id, 'transcript' AS kind, s."source"::text AS source, s."startSec" AS second, s."text", s."searchVector" AS v
        FROM trimmed w JOIN "TranscriptSegment" s ON s."materialId" = w."id" AND s."startSec" <= w."end"
       WHERE s."endSec" >= w.start AND ts_match_vq(s."searchVector", ${anyWord})
      UNION ALL
      SELECT c."materialId", 'chat', NULL, c."atSec", c."author" || ': ' || c."text", c."searchVector"
        FROM trimmed w JOIN "ChatLine" c ON c."materialId" = w."id" AND c."atSec" BETWEEN w.start AND w."end"
       WHERE ts_match_vq(c."searchVector", ${anyWord})
    ),
    best AS (
      SELECT x.*, row_number() OVER (PARTITION BY x.material_id
               ORDER BY x.v @@ ${match} DESC, x.v @@ ${phrase} DESC, ${exactFirst} ts_rank_cd(x.v, ${anyWord}) DESC, x.second) AS n
        FROM lines x
    ),
    hits AS (
      SELECT b.material_id, json_agg(json_build_object('kind', b.kind, 'source', b.source, 'second', b.second,
               'marked', ts_headline('diemcau', b.text, ${anyWord}, ${`HighlightAll=true, ${HEADLINE_MARKERS}`})) ORDER BY b.second) AS hits
        FROM best b WHERE b.n <= ${MAX_HITS_PER_MATERIAL} GROUP BY b.material_id
    )`;
}

/** "số ký hiệu — trích yếu" of the first linked or attached document of m that has the words. */
function matchedDocument({ match, anyWord }: TQuerySql): Prisma.Sql {
  const marked = (text: Prisma.Sql) => Prisma.sql`ts_headline('diemcau', ${text}, ${anyWord}, ${`HighlightAll=true, ${HEADLINE_MARKERS}`})`;
  return Prisma.sql`coalesce(
    (SELECT ${marked(Prisma.sql`concat_ws(' — ', d."numberNotation", d."subject")`)} FROM "DocumentLink" d
      WHERE (d."materialId" = m."id" OR d."eventId" = e."id") AND d."searchVector" @@ ${match}
      ORDER BY d."createdAt" LIMIT 1),
    (SELECT ${marked(Prisma.sql`a."fileName"`)} || ': ' ||
            ts_headline('diemcau', left(a."text", 20000), ${anyWord}, ${`MaxWords=25, MinWords=10, MaxFragments=1, ${HEADLINE_MARKERS}`})
       FROM "MaterialAttachment" a
      WHERE a."materialId" = m."id" AND a."status" = 'READY' AND a."searchVector" @@ ${match}
      ORDER BY a."createdAt" LIMIT 1))`;
}


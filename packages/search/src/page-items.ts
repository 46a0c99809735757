import { Prisma, type Db } from "@diemcau/db";
import { HEADLINE_MARKERS, readHighlight, type THighlight } from "./highlight";
import { MATERIAL_DATE } from "./material-date";
import type { TQuerySql } from "./query-sql";
import type { TVisibleMaterialsSql } from "./search-materials";

export const MAX_HITS_PER_MATERIAL = 3;

const DURATION = Prisma.sql`(coalesce(m."trimEndSec", r."durationSec") - coalesce(m."trimStartSec", 0))`;

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
 * Titles, highlights and timed hits of one page, in the order of `ids`, of those the viewer may open:
 * the rule is applied again here, by id, apart from the ranking's many parts, so no title, snippet
 * or line of another material can leave even if a part of the ranking let it through.
 */
export async function loadPageItems(db: Db, ids: string[], visible: TVisibleMaterialsSql, sql: TQuerySql | null): Promise<TSearchItem[]> {
  if (ids.length === 0) return [];
  const headline = (text: Prisma.Sql, options: string) =>
    sql ? Prisma.sql`ts_headline('diemcau', ${text}, ${sql.anyWord}, ${`${options}, ${HEADLINE_MARKERS}`})` : Prisma.sql`NULL`;
  const rows = await db.$queryRaw<TItemRow[]>`
    ${sql ? Prisma.sql`WITH ${pageHits(sql, ids)}` : Prisma.empty}
    SELECT m."id", m."title", ${headline(Prisma.sql`m."title"`, "HighlightAll=true")} AS title_marked,
      CASE WHEN m."description" IS NOT NULL THEN ${headline(Prisma.sql`m."description"`, "MaxWords=30, MinWords=12, MaxFragments=2")} END AS snippet_marked,
      ${sql ? matchedDocument(sql) : Prisma.sql`NULL`} AS document_marked,
      m."subject", m."grade", o."name" AS owner_name, ${MATERIAL_DATE} AS date, ${DURATION} AS duration_sec,
      (r."status" = 'READY' AND r."storagePrefix" IS NOT NULL) AS has_poster,
      m."visibility"::text AS visibility, m."published", m."viewCount" AS view_count,
      ${sql ? Prisma.sql`hits.hits` : Prisma.sql`NULL`} AS hits
    FROM "Material" m LEFT JOIN "Recording" r ON r."id" = m."recordingId" LEFT JOIN "Event" e ON e."id" = r."eventId"
      JOIN "User" o ON o."id" = m."ownerId"
      ${sql ? Prisma.sql`LEFT JOIN hits ON hits.material_id = m."id"` : Prisma.empty}
    WHERE m."id" = ANY(${ids}) AND (${visible})`;
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

import { createHash } from "node:crypto";
import { buildAtomFeed, publicUrls } from "@diemcau/connectors/news";
import type { Db } from "@diemcau/db";
import { z } from "zod";
import { parseInput } from "../api/parse-input";
import { downloadMatchesTrim } from "../materials/material-access";
import { EMBEDDABLE_WHERE } from "./find-embeddable-material";

/** How many of the newest materials the feed lists. */
export const FEED_SIZE = 50;
const SUMMARY_MAX_CHARS = 600;

export const ZMaterialsFeedQuerySchema = z.object({
  subject: z.string().trim().min(1).max(100).optional(),
  grade: z.coerce.number().int().min(1).max(12).optional(),
});

export interface TFeedTexts {
  title: string;
  subtitle: string;
  authorName: string;
  gradeLabel: (grade: number) => string;
}

function summaryOf(description: string | null): string | null {
  const text = description?.trim();
  if (!text) return null;
  return text.length > SUMMARY_MAX_CHARS ? `${text.slice(0, SUMMARY_MAX_CHARS - 1).trimEnd()}…` : text;
}

/** An If-None-Match header (a list, possibly weak) that names this ETag. */
function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
}

/**
 * GET /feeds/hoc-lieu.atom[?subject=…&grade=…]: the newest published public materials as Atom
 * 1.0 (title, summary, poster as Media RSS thumbnail, link). The ETag is a hash of the body, which
 * is the same byte for byte while nothing listed changed (the feed's `updated` is its newest entry's).
 */
export async function serveMaterialsFeed(
  db: Db,
  { searchParams, baseUrl, ifNoneMatch, texts }: { searchParams: URLSearchParams; baseUrl: string; ifNoneMatch: string | null; texts: TFeedTexts },
): Promise<Response> {
  const { subject, grade } = parseInput(ZMaterialsFeedQuerySchema, Object.fromEntries(searchParams));
  const materials = await db.material.findMany({
    where: {
      ...EMBEDDABLE_WHERE,
      ...(subject ? { subject: { equals: subject, mode: "insensitive" as const } } : {}),
      ...(grade ? { grade } : {}),
    },
    orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
    take: FEED_SIZE,
    select: {
      id: true,
      title: true,
      description: true,
      subject: true,
      grade: true,
      tags: true,
      posterKey: true,
      trimStartSec: true,
      trimEndSec: true,
      downloadTrimStartSec: true,
      downloadTrimEndSec: true,
      publishedAt: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  const filter = new URLSearchParams({ ...(subject ? { subject } : {}), ...(grade ? { grade: String(grade) } : {}) }).toString();
  const selfUrl = `${publicUrls.feed(baseUrl)}${filter ? `?${filter}` : ""}`;
  const body = buildAtomFeed(
    {
      key: `feed:hoc-lieu?${filter}`,
      title: texts.title,
      subtitle: texts.subtitle,
      selfUrl,
      alternateUrl: `${baseUrl}/hoc-lieu`,
      authorName: texts.authorName,
      // Nothing listed: the feed is as old as the epoch, so the body (and its ETag) stay put.
      emptyUpdated: new Date(0),
    },
    materials.map((material) => ({
      key: `material:${material.id}`,
      title: material.title,
      summary: summaryOf(material.description),
      url: publicUrls.material(baseUrl, material.id),
      // The poster is made again after a new trim and not served until then.
      thumbnail: material.posterKey && downloadMatchesTrim(material) ? { url: publicUrls.poster(baseUrl, material.id) } : null,
      published: material.publishedAt ?? material.createdAt,
      updated: material.updatedAt,
      categories: [material.subject, material.grade ? texts.gradeLabel(material.grade) : null, ...material.tags].filter((term): term is string => !!term),
    })),
  );
  const etag = `"${createHash("sha256").update(body).digest("base64url")}"`;
  const headers = { etag, "cache-control": "public, max-age=300", "access-control-allow-origin": "*" };
  if (matchesEtag(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "content-type": "application/atom+xml; charset=utf-8" } });
}

import { readPortalFeed, type TRelatedTarget, relatedMaterialIds } from "@diemcau/connectors/news";
import type { Db } from "@diemcau/db";

const FETCH_TIMEOUT_MS = 30_000;

/** Every material with an event or a document, as what an article must mention to relate to it. */
async function relatedTargets(db: Db): Promise<TRelatedTarget[]> {
  const materials = await db.material.findMany({
    where: { OR: [{ recording: { eventId: { not: null } } }, { documentLinks: { some: {} } }] },
    select: {
      id: true,
      // Rows migrated from free text may have no number; an article cannot mention one then.
      documentLinks: { select: { numberNotation: true } },
      recording: { select: { event: { select: { title: true, documents: { select: { numberNotation: true } } } } } },
    },
  });
  return materials.map((material) => ({
    materialId: material.id,
    eventTitle: material.recording?.event?.title ?? null,
    documentNumbers: [...material.documentLinks, ...(material.recording?.event?.documents ?? [])]
      .map((document) => document.numberNotation)
      .filter((number): number is string => number !== null),
  }));
}

/**
 * news.poll: reads the portal's RSS or Atom feed and links each article to the materials whose
 * event or documents it mentions, as RELATED news. A material links a URL once (a unique index),
 * so polling the same feed again adds nothing.
 */
export async function pollRelatedNews(db: Db, feedUrl: string): Promise<{ articles: number; linked: number }> {
  const response = await fetch(feedUrl, {
    headers: { accept: "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.1" },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${feedUrl}: HTTP ${response.status}`);
  const articles = readPortalFeed(await response.text());
  const targets = await relatedTargets(db);
  const links = articles.flatMap((article) =>
    relatedMaterialIds(article, targets).map((materialId) => ({
      materialId,
      kind: "RELATED" as const,
      status: "PUBLISHED" as const,
      url: article.url,
      title: article.title,
      publishedAt: article.publishedAt,
    })),
  );
  const { count } = links.length ? await db.newsLink.createMany({ data: links, skipDuplicates: true }) : { count: 0 };
  return { articles: articles.length, linked: count };
}

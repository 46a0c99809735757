import { buildBasisLine } from "@diemcau/connectors/documents";
import { NewsPublishError, publicUrls, type NewsPublisher, type TNewsArticle } from "@diemcau/connectors/news";
import type { Db } from "@diemcau/db";
import type { TNewsPublishJob } from "@diemcau/protocol";
import { contentTypeFor, type Storage } from "@diemcau/storage";

export type TPublishNewsDeps = {
  db: Db;
  media: Storage;
  publisher: NewsPublisher;
  /** The address users open (PUBLIC_URL), for the material's link. */
  publicUrl: string;
};

/** Which attempt this is, as pg-boss counts (retryCount 0 is the first). */
export type TAttempt = { retryCount: number; retryLimit: number };

type TFailure = { code: string; message: string; retryable: boolean };

/** The material stopped being public and published after staff asked: nothing may go out. */
const MATERIAL_GONE: TFailure = { code: "NEWS_MATERIAL_GONE", message: "Học liệu không còn công khai nên không đăng được.", retryable: false };

function failureOf(error: unknown): TFailure {
  if (error instanceof NewsPublishError) return { code: error.code, message: error.messageVi, retryable: error.retryable };
  return { code: "NEWS_PUBLISH_FAILED", message: "Đăng bài gặp lỗi ngoài dự kiến.", retryable: true };
}

async function readAll(storage: Storage, key: string): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.getStream(key)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * news.publish: sends a material's article (title, summary, poster, basis line, the material's
 * URL for the portal to embed) through the publisher, with the link's idempotency key, and stores
 * the article's URL. Each failed attempt is written on the link (the material page shows it);
 * the last, or one no retry can mend, marks it FAILED. Throws when pg-boss should retry.
 */
export async function publishNews(deps: TPublishNewsDeps, { newsLinkId }: TNewsPublishJob, attempt: TAttempt): Promise<string | null> {
  const { db } = deps;
  const link = await db.newsLink.findUnique({
    where: { id: newsLinkId },
    select: {
      kind: true,
      status: true,
      idempotencyKey: true,
      material: {
        select: {
          id: true,
          title: true,
          description: true,
          published: true,
          visibility: true,
          posterKey: true,
          documentLinks: { orderBy: { createdAt: "asc" } },
          recording: { select: { event: { select: { documents: { orderBy: { createdAt: "asc" } } } } } },
        },
      },
    },
  });
  // Nothing to do: gone, not ours to publish, or done by an earlier attempt.
  if (!link || link.kind !== "PUBLISHED" || link.status !== "PENDING" || !link.idempotencyKey) return null;
  await db.newsLink.update({ where: { id: newsLinkId }, data: { attempts: { increment: 1 } } });
  const { material } = link;
  try {
    if (!material.published || material.visibility !== "PUBLIC") throw MATERIAL_GONE;
    const article: TNewsArticle = {
      title: material.title,
      summary: material.description,
      materialUrl: publicUrls.material(deps.publicUrl, material.id),
      basisLine: buildBasisLine([...material.documentLinks, ...(material.recording?.event?.documents ?? [])]),
      poster:
        material.posterKey && (await deps.media.stat(material.posterKey))
          ? { bytes: await readAll(deps.media, material.posterKey), fileName: material.posterKey.split("/").pop()!, contentType: contentTypeFor(material.posterKey) }
          : null,
    };
    const published = await deps.publisher.publish(article, link.idempotencyKey);
    await db.$transaction([
      // The feed poll may have found the article first and linked it as related.
      db.newsLink.deleteMany({ where: { materialId: material.id, kind: "RELATED", url: published.url } }),
      db.newsLink.update({
        where: { id: newsLinkId },
        data: { status: "PUBLISHED", url: published.url, title: published.title, remoteId: published.remoteId, publishedAt: published.publishedAt, errorCode: null, error: null },
      }),
    ]);
    return `published to ${deps.publisher.name}: ${published.url}`;
  } catch (error) {
    const failure = error === MATERIAL_GONE ? MATERIAL_GONE : failureOf(error);
    const lastTry = !failure.retryable || attempt.retryCount >= attempt.retryLimit;
    await db.newsLink.update({
      where: { id: newsLinkId },
      data: { errorCode: failure.code, error: failure.message, status: lastTry ? "FAILED" : "PENDING" },
    });
    if (!lastTry) throw error;
    console.error(`[worker] news.publish ${newsLinkId} failed for good:`, error);
    return `not published (${failure.code})`;
  }
}

import { randomBytes } from "node:crypto";
import { articleSlug } from "@diemcau/connectors/news";
import type { Db } from "@diemcau/db";
import { AppError } from "../errors/app-error";
import { materialNotFound, type TAccessViewer } from "../materials/material-access";
import { EMBEDDABLE_WHERE } from "./find-embeddable-material";

export type TEnqueuePublish = (newsLinkId: string) => Promise<unknown>;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/**
 * POST /api/materials/<id>/news (staff): queues the article about a published public material
 * for the portal. A material has one article: asking again while it is queued changes nothing,
 * after it is out is refused, and after a failure queues it again with the same idempotency key,
 * so the portal never gets a second article.
 */
export async function requestNewsPublication(
  db: Db,
  materialId: string,
  viewer: TAccessViewer,
  { enabled, enqueue }: { enabled: boolean; enqueue: TEnqueuePublish },
): Promise<{ newsLinkId: string; status: "PENDING" }> {
  if (!enabled) throw new AppError("NEWS_PUBLISHING_OFF", "Chưa cấu hình cổng thông tin để đăng bài.", 409);
  const material = await db.material.findUnique({ where: { id: materialId }, select: { id: true, title: true } });
  if (!material) throw materialNotFound();
  if (!(await db.material.count({ where: { id: materialId, ...EMBEDDABLE_WHERE } }))) {
    throw new AppError("NEWS_MATERIAL_NOT_PUBLIC", "Chỉ học liệu đã xuất bản ở chế độ công khai mới đăng được lên cổng thông tin.", 409);
  }
  const existing = await db.newsLink.findFirst({ where: { materialId, kind: "PUBLISHED" }, select: { id: true, status: true } });
  if (existing?.status === "PUBLISHED") throw new AppError("NEWS_ALREADY_PUBLISHED", "Học liệu này đã được đăng lên cổng thông tin.", 409);
  if (existing?.status === "PENDING") return { newsLinkId: existing.id, status: "PENDING" };

  let newsLinkId: string;
  if (existing) {
    await db.newsLink.update({ where: { id: existing.id }, data: { status: "PENDING", errorCode: null, error: null, requestedById: viewer.id } });
    newsLinkId = existing.id;
  } else {
    try {
      const created = await db.newsLink.create({
        data: {
          materialId,
          kind: "PUBLISHED",
          status: "PENDING",
          idempotencyKey: articleSlug(material.title, randomBytes(4).toString("hex")),
          requestedById: viewer.id,
        },
        select: { id: true },
      });
      newsLinkId = created.id;
    } catch (error) {
      // Someone else asked at the same moment: theirs is the one article.
      if (isUniqueViolation(error)) return requestNewsPublication(db, materialId, viewer, { enabled, enqueue });
      throw error;
    }
  }
  try {
    await enqueue(newsLinkId);
  } catch (error) {
    console.error(`[web] news.publish of ${newsLinkId} not queued:`, error);
    const message = "Không đưa được bài viết vào hàng đợi. Hãy thử lại.";
    await db.newsLink.update({ where: { id: newsLinkId }, data: { status: "FAILED", errorCode: "NEWS_QUEUE_FAILED", error: message } });
    throw new AppError("NEWS_QUEUE_FAILED", message, 503);
  }
  return { newsLinkId, status: "PENDING" };
}

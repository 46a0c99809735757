import type { Db } from "@diemcau/db";

/** A material's portal articles: the one published from here (with its state) and related ones found in the portal's feed. */
export async function listNewsLinks(db: Db, materialId: string) {
  const links = await db.newsLink.findMany({
    where: { materialId },
    orderBy: [{ publishedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, kind: true, status: true, url: true, title: true, publishedAt: true, errorCode: true, error: true, attempts: true },
  });
  return {
    published: links.find((link) => link.kind === "PUBLISHED") ?? null,
    related: links.filter((link) => link.kind === "RELATED" && link.url),
  };
}
export type TNewsLinks = Awaited<ReturnType<typeof listNewsLinks>>;

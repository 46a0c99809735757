import { prisma } from "@diemcau/db";
import { headers } from "next/headers";
import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";
import { serveMaterialsFeed } from "@/lib/news/serve-materials-feed";

export const dynamic = "force-dynamic";

/** Atom feed of newly published public materials for the news portal (lib/news/serve-materials-feed.ts). */
export async function GET(request: NextRequest): Promise<Response> {
  return catchAppError(async () => {
    const [t, tMaterials] = await Promise.all([
      getTranslations({ locale: "vi", namespace: "news.feed" }),
      getTranslations({ locale: "vi", namespace: "materials" }),
    ]);
    return serveMaterialsFeed(prisma, {
      searchParams: request.nextUrl.searchParams,
      baseUrl: publicBaseUrl(await headers()),
      ifNoneMatch: request.headers.get("if-none-match"),
      texts: { title: t("title"), subtitle: t("subtitle"), authorName: t("author"), gradeLabel: (grade) => tMaterials("gradeN", { grade }) },
    });
  });
}

import { prisma } from "@diemcau/db";
import { headers } from "next/headers";
import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";
import { answerOEmbed } from "@/lib/news/answer-oembed";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

/** oEmbed provider endpoint for news portals (see lib/news/answer-oembed.ts). */
export async function GET(request: NextRequest): Promise<Response> {
  return catchAppError(async () => {
    const t = await getTranslations({ locale: "vi", namespace: "app" });
    return answerOEmbed(prisma, getMediaStorage().media, {
      searchParams: request.nextUrl.searchParams,
      baseUrl: publicBaseUrl(await headers()),
      providerName: t("name"),
    });
  });
}

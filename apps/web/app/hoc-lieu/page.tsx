import { publicUrls } from "@diemcau/connectors/news";
import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { MaterialResults } from "@/components/search/material-results";
import { Pagination } from "@/components/search/pagination";
import { SearchFilters } from "@/components/search/search-filters";
import { SearchSummary } from "@/components/search/search-summary";
import { getCurrentUser } from "@/lib/auth/require-user";
import { listSearchFacets } from "@/lib/search/list-search-facets";
import { searchPageInput } from "@/lib/search/search-page-input";
import { searchVisibleMaterials } from "@/lib/search/search-visible-materials";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tFeed, base] = await Promise.all([getTranslations("materials"), getTranslations("news.feed"), headers().then(publicBaseUrl)]);
  // Feed discovery: readers and the portal find the Atom feed of new public materials here.
  return { title: t("title"), alternates: { types: { "application/atom+xml": [{ url: publicUrls.feed(base), title: tFeed("title") }] } } };
}

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The library: the materials the viewer may watch, filtered, sorted (relevance, newest, most viewed) and paged. */
export default async function MaterialsPage({ searchParams }: TProps) {
  const user = await getCurrentUser();
  const { input, params } = searchPageInput(await searchParams);
  const [t, facets, result] = await Promise.all([getTranslations("materials"), listSearchFacets(prisma, user), searchVisibleMaterials(prisma, user, params)]);
  const canUpload = user?.role === "TEACHER" || user?.role === "STAFF" || user?.role === "ADMIN";
  return (
    <>
      <h1>{t("title")}</h1>
      {canUpload ? (
        <p>
          <Link className="button" href="/hoc-lieu/tai-len">
            {t("upload.link")}
          </Link>
        </p>
      ) : null}
      <SearchFilters input={input} facets={facets} withQuery />
      {result.total === 0 && !input.q ? <p className="empty">{t("none")}</p> : <SearchSummary result={result} path="/hoc-lieu" />}
      <MaterialResults items={result.items} />
      <Pagination path="/hoc-lieu" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
    </>
  );
}

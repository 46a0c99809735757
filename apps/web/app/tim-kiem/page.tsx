import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Pagination } from "@/components/search/pagination";
import { SearchFilters } from "@/components/search/search-filters";
import { getCurrentUser } from "@/lib/auth/require-user";
import { listSearchFacets } from "@/lib/search/list-search-facets";
import { searchPageInput } from "@/lib/search/search-page-input";
import { searchVisibleMaterials } from "@/lib/search/search-visible-materials";
import { LiveSearch } from "./live-search";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("search"))("title") };
}

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Search: titles, tags, descriptions, documents, transcripts and chat; a hit opens the player at its second. */
export default async function SearchPage({ searchParams }: TProps) {
  const user = await getCurrentUser();
  const { input, params } = searchPageInput(await searchParams);
  const [t, facets] = await Promise.all([getTranslations("search"), listSearchFacets(prisma, user)]);
  const result = input.q.trim()
    ? await searchVisibleMaterials(prisma, user, params)
    : { query: "", total: 0, page: 1, pageSize: 20, items: [], suggestion: null, approximate: false };
  const { q: _q, page: _page, ...filters } = params;
  return (
    <>
      <h1>{t("title")}</h1>
      <LiveSearch key={input.q} initial={result} filters={Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => !!e[1]))} />
      <Pagination path="/tim-kiem" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
      <details>
        <summary>{t("filters")}</summary>
        <SearchFilters input={input} facets={facets} withQuery={false} />
      </details>
    </>
  );
}

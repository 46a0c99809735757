import type { TSearchResult } from "@diemcau/search";
import { Link } from "@/components/link";
import { useTranslations } from "next-intl";

/** "12 kết quả", or the spelling to try ("Có phải bạn muốn tìm …") and whether results are near matches. */
export function SearchSummary({ result, path }: { result: Pick<TSearchResult, "query" | "total" | "suggestion" | "approximate">; path: string }) {
  const t = useTranslations("search");
  return (
    <>
      {result.suggestion ? (
        <p className="lead" data-testid="search-suggestion">
          {t("didYouMean")}{" "}
          <Link href={`${path}?q=${encodeURIComponent(result.suggestion)}`}>
            <strong>{result.suggestion}</strong>
          </Link>
          ?
        </p>
      ) : null}
      <p className="muted" role="status">
        {result.approximate ? t("approximate", { count: result.total }) : result.query ? t("count", { count: result.total, query: result.query }) : t("countAll", { count: result.total })}
      </p>
    </>
  );
}

import { Link } from "@/components/link";
import { useTranslations } from "next-intl";

/** Previous / next links that keep every other search parameter. */
export function Pagination({ path, params, page, pageSize, total }: { path: string; params: Record<string, string | undefined>; page: number; pageSize: number; total: number }) {
  const t = useTranslations("search");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (to: number) => {
    const query = new URLSearchParams(Object.entries({ ...params, page: String(to) }).filter((e): e is [string, string] => !!e[1]));
    return `${path}?${query}`;
  };
  return (
    <nav className="pagination" aria-label={t("pages")}>
      {page > 1 ? <Link href={href(page - 1)}>← {t("previous")}</Link> : null}
      <span>{t("pageOf", { page, pages })}</span>
      {page < pages ? <Link href={href(page + 1)}>{t("next")} →</Link> : null}
    </nav>
  );
}

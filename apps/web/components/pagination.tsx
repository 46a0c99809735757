import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";

/** Previous / next links of a long list, with where the reader is. */
export async function Pagination({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("pagination");
  return (
    <nav className="pagination" aria-label={t("label")}>
      {page > 1 ? <Link href={href(page - 1)}>{t("previous")}</Link> : <span aria-hidden="true" />}
      <span>{t("position", { page, pageCount })}</span>
      {page < pageCount ? <Link href={href(page + 1)}>{t("next")}</Link> : <span aria-hidden="true" />}
    </nav>
  );
}

import { useTranslations } from "next-intl";
import type { TSearchQueryInput } from "@/lib/search/search-input";
import type { TSearchFacets } from "@/lib/search/list-search-facets";

/** The library's filters and sort order, sent as a plain GET form (works without JavaScript). */
export function SearchFilters({ input, facets, withQuery }: { input: TSearchQueryInput; facets: TSearchFacets; withQuery: boolean }) {
  const t = useTranslations("search");
  const select = (name: keyof TSearchQueryInput, label: string, options: { value: string; label: string }[]) => (
    <label className="field">
      {label}
      <select name={name} defaultValue={String(input[name] ?? "")}>
        <option value="">{t("all")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="filters" method="get" role="search" aria-label={t("filters")}>
      {withQuery ? (
        <label className="field">
          {t("query")}
          <input type="search" name="q" defaultValue={input.q} maxLength={2000} />
        </label>
      ) : (
        <input type="hidden" name="q" value={input.q} />
      )}
      {select("subject", t("subject"), facets.subjects.map((s) => ({ value: s, label: s })))}
      {select("grade", t("gradeLabel"), facets.grades.map((g) => ({ value: String(g), label: t("grade", { grade: g }) })))}
      {select("district", t("district"), facets.districts.map((d) => ({ value: d.id, label: d.name })))}
      {select("teacher", t("teacher"), facets.teachers.map((u) => ({ value: u.id, label: u.name })))}
      {select("kind", t("kind"), [
        { value: "CONFERENCE", label: t("kinds.CONFERENCE") },
        { value: "CLASS", label: t("kinds.CLASS") },
      ])}
      <label className="field">
        {t("from")}
        <input type="date" name="from" defaultValue={input.from ?? ""} />
      </label>
      <label className="field">
        {t("to")}
        <input type="date" name="to" defaultValue={input.to ?? ""} />
      </label>
      <label className="field">
        {t("sort")}
        <select name="sort" defaultValue={input.sort ?? ""}>
          <option value="">{t("sorts.default")}</option>
          <option value="relevance">{t("sorts.relevance")}</option>
          <option value="newest">{t("sorts.newest")}</option>
          <option value="views">{t("sorts.views")}</option>
        </select>
      </label>
      <button className="button button--small" type="submit">
        {t("apply")}
      </button>
    </form>
  );
}

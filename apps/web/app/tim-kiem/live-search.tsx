"use client";

import type { TSearchResult } from "@diemcau/search";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { MaterialResults, type TResultItem } from "@/components/search/material-results";
import { SearchSummary } from "@/components/search/search-summary";

type TLiveResult = Omit<TSearchResult, "items"> & { items: TResultItem[] };

const TYPING_PAUSE_MS = 250;

/**
 * The search box of /tim-kiem: results follow each keystroke (the last word as a prefix) through
 * GET /api/search; Enter submits the form, which the server answers as a whole page.
 */
export function LiveSearch({ initial, filters }: { initial: TLiveResult; filters: Record<string, string> }) {
  const t = useTranslations("search");
  const [query, setQuery] = useState(initial.query);
  const [result, setResult] = useState<TLiveResult>(initial);
  const latest = useRef(0);

  useEffect(() => {
    if (query === initial.query) return;
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ ...filters, q: query, typing: "1" });
      try {
        const response = await fetch(`/api/search?${params}`);
        if (!response.ok || request !== latest.current) return;
        setResult(await response.json());
        window.history.replaceState(null, "", `/tim-kiem?${new URLSearchParams({ ...filters, q: query })}`);
      } catch {
        // Offline for a moment: the results stay as they were; Enter still searches.
      }
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query, filters, initial.query]);

  return (
    <>
      <form className="search-box" method="get" action="/tim-kiem" role="search">
        {Object.entries(filters).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label className="visually-hidden" htmlFor="search-query">
          {t("query")}
        </label>
        <input
          id="search-query"
          type="search"
          name="q"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t("placeholder")}
          autoComplete="off"
          maxLength={2000}
          autoFocus
        />
        <button className="button" type="submit">
          {t("submit")}
        </button>
      </form>
      {query.trim() || result.total > 0 ? <SearchSummary result={result} path="/tim-kiem" /> : <p className="muted">{t("hint")}</p>}
      <MaterialResults items={result.items} />
    </>
  );
}

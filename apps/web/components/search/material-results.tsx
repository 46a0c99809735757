import type { TSearchItem } from "@diemcau/search";
import { Link } from "@/components/link";
import { useTranslations } from "next-intl";
import { formatClock } from "@/lib/format/clock";
import { formatDate } from "@diemcau/calendar/display-date";
import { Highlighted } from "./highlighted";

/** A search or library result as JSON delivers it (dates as strings) or as the server has it. */
export type TResultItem = Omit<TSearchItem, "date"> & { date: Date | string };

const HIT_SOURCE_KEY: Record<string, "asr" | "captions" | "slides"> = { ASR: "asr", ENGINE: "asr", UPLOAD: "captions", SLIDE: "slides" };

/**
 * Cards of materials: poster, title with the matched words marked, length, owner, date, the
 * description's matching passage or the matching document, and up to three timed hits that open
 * the player at their second. Renders on the server (library, search page) and in the browser
 * (results while typing).
 */
export function MaterialResults({ items }: { items: TResultItem[] }) {
  const t = useTranslations("search");
  return (
    <ul className="results" data-testid="search-results">
      {items.map((item) => (
        <li key={item.id} className="result" data-testid="search-result">
          <Link href={`/hoc-lieu/${item.id}`} className="result__thumb" tabIndex={-1} aria-hidden="true">
            {item.hasPoster ? <img src={`/media/${encodeURIComponent(item.id)}/poster.jpg`} alt="" loading="lazy" /> : <span className="result__nothumb">▶</span>}
            {item.durationSec ? <span className="result__duration">{formatClock(item.durationSec)}</span> : null}
          </Link>
          <div className="result__body">
            <h2 className="result__title">
              <Link href={`/hoc-lieu/${item.id}`}>
                <Highlighted runs={item.title} />
              </Link>
            </h2>
            <p className="muted">
              {[item.ownerName, formatDate(new Date(item.date)), item.subject, item.grade ? t("grade", { grade: item.grade }) : null, t("views", { count: item.viewCount })]
                .filter(Boolean)
                .join(" · ")}
              {item.published ? "" : ` · ${t("unpublished")}`}
            </p>
            {item.snippet ? (
              <p className="result__snippet">
                <Highlighted runs={item.snippet} />
              </p>
            ) : null}
            {item.document ? (
              <p className="result__snippet">
                {t("document")}: <Highlighted runs={item.document} />
              </p>
            ) : null}
            {item.hits.length > 0 ? (
              <ul className="result__hits" aria-label={t("hits")}>
                {item.hits.map((hit) => (
                  <li key={`${hit.kind}-${hit.second}`}>
                    <Link href={`/hoc-lieu/${item.id}?t=${Math.floor(hit.second)}`} data-testid="search-hit">
                      <span className="result__time">{formatClock(hit.second)}</span>{" "}
                      <span className="result__source">{hit.kind === "chat" ? t("source.chat") : t(`source.${HIT_SOURCE_KEY[hit.source ?? ""] ?? "captions"}`)}</span>{" "}
                      <Highlighted runs={hit.text} />
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { filterTranscript, foldForFilter } from "@/lib/transcript/filter-transcript";
import styles from "./player.module.css";

export interface TPanelLine {
  id: string;
  startSec: number;
  endSec: number;
  text: string;
  slide: boolean;
}

/** Index of the line being spoken at `time`: the last one that started, while it lasts. */
function activeIndex(lines: TPanelLine[], time: number): number {
  let found = -1;
  for (const [index, line] of lines.entries()) {
    if (line.slide) continue;
    if (line.startSec > time) break;
    if (time < line.endSec) found = index;
  }
  return found;
}

/**
 * The transcript beside the video: the line being spoken is highlighted and kept in view, a
 * click seeks to a line, and the filter finds words in this lesson with or without diacritics.
 */
export function TranscriptPanel({ lines, currentTime, onSeek, formatTime }: { lines: TPanelLine[]; currentTime: number; onSeek: (time: number) => void; formatTime: (seconds: number) => string }) {
  const t = useTranslations("materials.transcript");
  const [query, setQuery] = useState("");
  const listRef = useRef<HTMLOListElement>(null);
  const folded = useMemo(() => lines.map((line) => foldForFilter(line.text)), [lines]);
  const filtering = foldForFilter(query) !== "";
  const shown = filterTranscript(lines, folded, query);
  const active = activeIndex(shown, currentTime);
  const activeId = shown[active]?.id;

  useEffect(() => {
    const list = listRef.current;
    const item = activeId ? list?.querySelector<HTMLElement>(`[data-line-id="${CSS.escape(activeId)}"]`) : null;
    if (!list || !item) return;
    // Scroll the panel only, never the page the student is reading.
    const top = item.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top - list.clientHeight / 3;
  }, [activeId]);

  return (
    <aside className={styles.transcript} aria-labelledby="transcript-title" data-testid="transcript-panel">
      <h2 id="transcript-title" className={styles.transcriptTitle}>
        {t("title")}
      </h2>
      <label className={styles.transcriptFilter}>
        <span className="visually-hidden">{t("filter")}</span>
        <input type="search" value={query} placeholder={t("filterPlaceholder")} aria-label={t("filter")} onChange={(event) => setQuery(event.target.value)} />
      </label>
      {filtering ? (
        <p className="muted" role="status">
          {shown.length > 0 ? t("matches", { count: shown.length }) : t("noMatch")}
        </p>
      ) : null}
      <ol ref={listRef} className={styles.transcriptLines}>
        {shown.map((line, index) => (
          <li key={line.id} data-line-id={line.id}>
            <button
              type="button"
              className={`${styles.transcriptLine} ${index === active ? styles.transcriptLineActive : ""} ${line.slide ? styles.transcriptSlide : ""}`}
              aria-current={index === active ? "true" : undefined}
              aria-label={`${t("seekTo", { time: formatTime(line.startSec) })}: ${line.text}`}
              onClick={() => onSeek(line.startSec)}
              data-testid="transcript-line"
              data-start={line.startSec}
            >
              <span className={styles.transcriptTime}>{formatTime(line.startSec)}</span>
              <span>
                {line.slide ? <strong className={styles.transcriptBadge}>{t("slide")}</strong> : null} {line.text}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}

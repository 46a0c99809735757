import { getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/app/lich/auto-refresh";
import { formatDate } from "@diemcau/calendar/display-date";
import type { TNewsLinks } from "@/lib/news/list-news-links";
import { PublishNewsButton } from "./publish-news-button";

/** While an article is queued, the page looks again this often, so its link appears without a reload. */
const PENDING_REFRESH_MS = 3000;

/**
 * The material on the news portal: the article published from here and related articles from the
 * portal's feed, for everyone who sees the material; the state, the last error and the publish
 * button for staff.
 */
export async function NewsSection({
  materialId,
  links,
  canPublish,
  publishable,
}: {
  materialId: string;
  links: TNewsLinks;
  /** Staff, with a portal configured. */
  canPublish: boolean;
  /** Published and public: what the portal may embed. */
  publishable: boolean;
}) {
  const [t, tErrors] = await Promise.all([getTranslations("news"), getTranslations("errors")]);
  const { published, related } = links;
  // The worker stores a stable code with its Vietnamese message: show the reader's language when we have it.
  const lastError = published?.errorCode && tErrors.has(published.errorCode) ? tErrors(published.errorCode) : (published?.error ?? "");
  const live = published?.status === "PUBLISHED" && published.url ? published : null;
  if (!canPublish && !live && related.length === 0) return null;
  return (
    <section aria-labelledby="news-title" data-testid="news-section">
      <h2 id="news-title">{t("title")}</h2>
      {live ? (
        <p data-testid="news-article">
          {t("publishedArticle")}{" "}
          <a href={live.url!} target="_blank" rel="noopener">
            {live.title ?? live.url}
          </a>
          {live.publishedAt ? ` (${formatDate(live.publishedAt)})` : ""}
        </p>
      ) : null}
      {canPublish && published?.status === "PENDING" ? (
        <p className="muted" data-testid="news-pending">
          {lastError ? t("retrying", { attempts: published.attempts, error: lastError }) : t("pending")}
          <AutoRefresh intervalMs={PENDING_REFRESH_MS} />
        </p>
      ) : null}
      {canPublish && published?.status === "FAILED" ? (
        <p className="notice" role="alert" data-testid="news-failed">
          {t("failed", { error: lastError })}
        </p>
      ) : null}
      {canPublish && !live && published?.status !== "PENDING" ? (
        publishable ? (
          <PublishNewsButton materialId={materialId} retry={published?.status === "FAILED"} />
        ) : (
          <p className="muted">{t("notPublic")}</p>
        )
      ) : null}
      {related.length > 0 ? (
        <>
          <h3>{t("related")}</h3>
          <ul data-testid="news-related">
            {related.map((link) => (
              <li key={link.id}>
                <a href={link.url!} target="_blank" rel="noopener">
                  {link.title ?? link.url}
                </a>
                {link.publishedAt ? ` (${formatDate(link.publishedAt)})` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

import { parseFeed } from "@rowanmanning/feed-parser";
import { foldVietnamese } from "./slug";

/** One article of the portal's RSS or Atom feed. */
export interface TPortalArticle {
  url: string;
  title: string;
  /** Title, summary and body as plain text, for matching. */
  text: string;
  publishedAt: Date | null;
}

/** The articles of an RSS or Atom feed (those without a link are of no use and left out). */
export function readPortalFeed(xml: string): TPortalArticle[] {
  return parseFeed(xml).items.flatMap((item) => {
    if (!item.url) return [];
    const title = item.title?.trim() ?? "";
    const text = [title, item.description, item.content].filter(Boolean).join("\n").replace(/<[^>]*>/g, " ");
    return [{ url: item.url, title: title || item.url, text, publishedAt: item.published ?? item.updated ?? null }];
  });
}

/** What an article must mention to be related to a material: its event's title or a document number. */
export interface TRelatedTarget {
  materialId: string;
  eventTitle: string | null;
  documentNumbers: string[];
}

/**
 * An event title this short ("Họp giao ban") is too common to name one event, so it is matched
 * only with at least this many words; document numbers (1234/SGDĐT-VP) always are.
 */
export const MIN_TITLE_WORDS = 4;

function normalize(text: string): string {
  return foldVietnamese(text).replace(/\s+/g, " ").trim();
}

/** `needle` in `haystack`, not as part of a longer word or number. */
function mentions(haystack: string, needle: string): boolean {
  if (!needle) return false;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if (!(before && /[a-z0-9]/.test(before)) && !(after && /[a-z0-9]/.test(after))) return true;
  }
  return false;
}

/** The materials an article is related to: it mentions their event's title or one of their document numbers. */
export function relatedMaterialIds(article: TPortalArticle, targets: readonly TRelatedTarget[]): string[] {
  const text = normalize(article.text);
  return targets
    .filter((target) => {
      const title = target.eventTitle ? normalize(target.eventTitle) : "";
      const titleMatches = title.split(" ").length >= MIN_TITLE_WORDS && mentions(text, title);
      return titleMatches || target.documentNumbers.some((number) => mentions(text, normalize(number)));
    })
    .map((target) => target.materialId);
}

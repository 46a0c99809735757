import { generateAtomFeed } from "feedsmith";
import { v5 as uuidV5 } from "uuid";

/**
 * The ids of the feed and its entries: name-based UUIDs (RFC 9562 v5) of the material ids, so
 * they never change, not even when the site moves to another address (RFC 4287 §4.2.6).
 */
const ID_NAMESPACE = "7d0c1b52-3f4e-4d8a-9a61-5c2f8e9b0d13";
export function atomId(name: string): string {
  return `urn:uuid:${uuidV5(name, ID_NAMESPACE)}`;
}

export interface TFeedEntry {
  /** Names the entry for good (its id derives from it). */
  key: string;
  title: string;
  summary: string | null;
  /** The page a reader opens. */
  url: string;
  thumbnail: { url: string; width?: number; height?: number } | null;
  published: Date;
  updated: Date;
  categories: string[];
}

export interface TFeedHead {
  /** Names the feed for good, with its filters (its id derives from it). */
  key: string;
  title: string;
  subtitle: string;
  /** The feed's own URL (rel="self") and the page it mirrors (rel="alternate"). */
  selfUrl: string;
  alternateUrl: string;
  authorName: string;
  /** The newest change among the listed materials, else the time the feed itself is from. */
  emptyUpdated: Date;
}

/**
 * An Atom 1.0 feed of entries with a Media RSS thumbnail each. `updated` of the feed is the newest
 * entry's, so an unchanged list renders byte for byte the same (and keeps its ETag).
 */
export function buildAtomFeed(head: TFeedHead, entries: readonly TFeedEntry[]): string {
  const updated = entries.reduce((newest, entry) => (entry.updated > newest ? entry.updated : newest), entries.length ? new Date(0) : head.emptyUpdated);
  return generateAtomFeed(
    {
      id: atomId(head.key),
      title: { value: head.title },
      subtitle: { value: head.subtitle },
      updated,
      authors: [{ name: head.authorName }],
      links: [
        { href: head.selfUrl, rel: "self", type: "application/atom+xml" },
        { href: head.alternateUrl, rel: "alternate", type: "text/html" },
      ],
      entries: entries.map((entry) => ({
        id: atomId(entry.key),
        title: { value: entry.title },
        ...(entry.summary ? { summary: { value: entry.summary } } : {}),
        links: [{ href: entry.url, rel: "alternate", type: "text/html" }],
        published: entry.published,
        updated: entry.updated,
        categories: entry.categories.map((term) => ({ term })),
        ...(entry.thumbnail
          ? {
              media: { thumbnails: [{ url: entry.thumbnail.url, width: entry.thumbnail.width, height: entry.thumbnail.height }] },
            }
          : {}),
      })),
    },
    { lenient: false },
  );
}

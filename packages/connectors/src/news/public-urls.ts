/**
 * The suite's addresses a news portal sees, in one place for web (which serves them) and the
 * worker (which writes them into articles). `base` is the public address, without a trailing slash.
 */
export const publicUrls = {
  /** The material's page: what an article links and a portal embeds (via oEmbed discovery). */
  material: (base: string, materialId: string) => `${base}/hoc-lieu/${encodeURIComponent(materialId)}`,
  /** The bare player a portal frames. */
  embed: (base: string, materialId: string) => `${base}/nhung/${encodeURIComponent(materialId)}`,
  oembed: (base: string, pageUrl: string) => `${base}/oembed?url=${encodeURIComponent(pageUrl)}&format=json`,
  feed: (base: string) => `${base}/feeds/hoc-lieu.atom`,
  poster: (base: string, materialId: string) => `${base}/media/${encodeURIComponent(materialId)}/poster.jpg`,
};

/** Paths of a material that an oEmbed consumer may ask about (the English alias and the embed itself too). */
const MATERIAL_PATH = /^\/(?:hoc-lieu|materials|nhung)\/([^/]+)\/?$/;

/** The material a URL of this site names, or null (another site, another page). */
export function materialIdFromUrl(url: string, base: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== new URL(base).origin) return null;
  const id = MATERIAL_PATH.exec(parsed.pathname)?.[1];
  return id ? decodeURIComponent(id) : null;
}

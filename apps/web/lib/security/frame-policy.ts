/**
 * Who may show our pages in a frame. Only the embed player (/nhung/<id>) may be framed, and only
 * by the site itself and the news portal origins in EMBED_ALLOWED_ORIGINS; every other page
 * refuses (clickjacking). proxy.ts hands the answer to the security headers
 * (security-headers.ts), which say it as CSP frame-ancestors, with X-Frame-Options: DENY when
 * nobody may frame the page.
 */

/** The embed player's pages, the only ones that may be framed. */
export const EMBED_PATH_PREFIX = "/nhung/";

/** Set by proxy.ts on requests for embed pages (and removed from every other request): the root layout then leaves out the site's chrome. */
export const EMBED_REQUEST_HEADER = "x-diemcau-embed";

export function isEmbedPath(pathname: string): boolean {
  return pathname.startsWith(EMBED_PATH_PREFIX);
}

/** The CSP frame-ancestors sources for a path: the site and the portal origins for the embed player, none elsewhere. */
export function frameAncestorsFor(pathname: string, allowedOrigins: readonly string[]): string[] {
  return isEmbedPath(pathname) ? ["'self'", ...allowedOrigins] : [];
}

/**
 * EMBED_ALLOWED_ORIGINS: origins separated by commas or spaces ("https://sogddt.example.vn"),
 * each reduced to scheme://host[:port]. Throws on anything that is not an http(s) origin.
 */
export function parseAllowedOrigins(value: string | undefined): string[] {
  const origins = (value ?? "").split(/[\s,]+/).filter(Boolean);
  return origins.map((origin) => {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`${origin}: not an http(s) origin`);
    if (url.pathname !== "/" || url.search || url.hash || url.username) throw new Error(`${origin}: an origin has no path, query or user`);
    return url.origin;
  });
}

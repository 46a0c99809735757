/**
 * Who may show our pages in a frame. Only the embed player (/nhung/<id>) may be framed, and only
 * by the news portal origins in EMBED_ALLOWED_ORIGINS; every other page refuses, so nobody can
 * overlay a sign-in form or a meeting room in a page of their own (clickjacking). Applied to every
 * response by proxy.ts; the rest of the security headers build on these.
 */

/** The embed player's pages, the only ones that may be framed. */
export const EMBED_PATH_PREFIX = "/nhung/";

/** Set by proxy.ts on requests for embed pages (and removed from every other request): the root layout then leaves out the site's chrome. */
export const EMBED_REQUEST_HEADER = "x-diemcau-embed";

export function isEmbedPath(pathname: string): boolean {
  return pathname.startsWith(EMBED_PATH_PREFIX);
}

/** The CSP frame-ancestors sources for a path: the site itself and the portal origins for embeds, none elsewhere. */
export function frameAncestors(pathname: string, allowedOrigins: readonly string[]): string {
  return isEmbedPath(pathname) ? ["'self'", ...allowedOrigins].join(" ") : "'none'";
}

/**
 * The response headers that say it: CSP frame-ancestors everywhere, and X-Frame-Options for
 * browsers that predate it on pages that may not be framed at all (it cannot list origins).
 */
export function frameHeaders(pathname: string, allowedOrigins: readonly string[]): Record<string, string> {
  const policy = { "content-security-policy": `frame-ancestors ${frameAncestors(pathname, allowedOrigins)}` };
  return isEmbedPath(pathname) ? policy : { ...policy, "x-frame-options": "DENY" };
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

/**
 * A state-changing request must come from this site's own pages: its Origin (which browsers send
 * on every cross-site and every non-GET request) names the public origin, or the origin the
 * request was addressed to. Without Origin, Fetch Metadata must say same-origin or a direct
 * navigation ("none"). Requests from other tools carry neither and are refused, except the
 * routes that authenticate themselves (next-auth's CSRF token, signed internal calls).
 */
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SELF_AUTHENTICATED = [/^\/api\/auth\//, /^\/api\/internal\//];

export function isCrossSiteWrite(request: { method: string; url: string; headers: Headers }, publicUrl: string | undefined): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  const url = new URL(request.url);
  if (SELF_AUTHENTICATED.some((pattern) => pattern.test(url.pathname))) return false;
  const origin = request.headers.get("origin");
  if (origin) {
    const allowed = new Set([url.origin, requestedOrigin(request.headers, url)]);
    if (publicUrl) allowed.add(new URL(publicUrl).origin);
    return !allowed.has(origin);
  }
  const site = request.headers.get("sec-fetch-site");
  return site !== "same-origin" && site !== "none";
}

/** The origin the browser addressed, as the Host (or a proxy's X-Forwarded-Host) says. */
function requestedOrigin(headers: Headers, url: URL): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? url.host;
  const protocol = headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${protocol}://${host}`;
}

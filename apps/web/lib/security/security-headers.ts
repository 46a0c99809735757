/**
 * The headers every response carries (see proxy.ts). Pages get a Content Security Policy that
 * allows what they use and nothing else: scripts only from this origin and with the request's
 * nonce (Next.js puts it on its own scripts), media and hls.js's workers from blob:, connections
 * to this origin and the media server's signaling (every node's, with several). No page may be framed unless it is meant to be
 * embedded, and then only by the origins configured for it.
 */
export type TSecurityContext = {
  nonce: string;
  /** The media server's URL as browsers reach it (socket.io over HTTP and WebSocket). */
  mediaServerUrl: string;
  /** With several media-server nodes, each node's URL (MEDIA_NODE_URLS): join tokens send browsers to them. */
  mediaNodeUrls?: readonly string[];
  /** Origins allowed to frame this response; empty: none. */
  frameAncestors: readonly string[];
  /** Served to users over HTTPS (the public URL, or a trusted proxy said so): add HSTS. */
  https: boolean;
  /** `next dev` needs eval for its error overlay; production never does. */
  development: boolean;
};

function websocketOrigin(url: URL): string {
  return `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`;
}

export function contentSecurityPolicy(context: TSecurityContext): string {
  const media = [context.mediaServerUrl, ...(context.mediaNodeUrls ?? [])].map((url) => new URL(url));
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${context.nonce}' 'strict-dynamic'${context.development ? " 'unsafe-eval'" : ""}`,
    // React renders style attributes; inline <style> elements still need the nonce.
    `style-src 'self' 'nonce-${context.nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self' ${media.map((url) => `${url.origin} ${websocketOrigin(url)}`).join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${context.frameAncestors.length > 0 ? context.frameAncestors.join(" ") : "'none'"}`,
  ];
  if (context.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function securityHeaders(context: TSecurityContext): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": contentSecurityPolicy(context),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(self), microphone=(self), display-capture=(self), geolocation=()",
  };
  // X-Frame-Options for browsers without frame-ancestors; it cannot name several origins.
  if (context.frameAncestors.length === 0) headers["x-frame-options"] = "DENY";
  if (context.https) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

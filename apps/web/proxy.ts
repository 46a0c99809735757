import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "./lib/config";
import { EMBED_REQUEST_HEADER, frameAncestorsFor, isEmbedPath } from "./lib/security/frame-policy";
import { isCrossSiteWrite } from "./lib/security/same-origin";
import { securityHeaders } from "./lib/security/security-headers";

/**
 * Runs before every route: refuses state-changing requests from other sites, and puts the
 * security headers (with a fresh CSP nonce, which Next.js reads from the request's own
 * Content-Security-Policy header and sets on its scripts) on every response. Tells the root
 * layout whether the request is for the bare embed player, the one page portals may frame.
 */
export function proxy(request: NextRequest): NextResponse {
  const config = getConfig();
  if (isCrossSiteWrite(request, config.NEXTAUTH_URL)) {
    return NextResponse.json(
      { error: { code: "CROSS_SITE_REQUEST", message: "Yêu cầu không đến từ trang của hệ thống nên đã bị từ chối." } },
      { status: 403 },
    );
  }
  const { pathname } = request.nextUrl;
  const headers = securityHeaders({
    nonce: randomBytes(16).toString("base64"),
    mediaServerUrl: config.MEDIA_SERVER_URL,
    mediaNodeUrls: config.MEDIA_NODE_URLS,
    frameAncestors: frameAncestorsFor(pathname, config.EMBED_ALLOWED_ORIGINS),
    https: config.NEXTAUTH_URL?.startsWith("https:") ?? false,
    development: config.NODE_ENV === "development",
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  // Only this proxy decides, whatever a client sent.
  forwarded.delete(EMBED_REQUEST_HEADER);
  if (isEmbedPath(pathname)) forwarded.set(EMBED_REQUEST_HEADER, "1");
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Next's own static files are hashed and carry no user content.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

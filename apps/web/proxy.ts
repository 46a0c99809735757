import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { EMBED_REQUEST_HEADER, frameHeaders, isEmbedPath } from "@/lib/security/frame-policy";

/**
 * Runs before every page and route: sends the frame policy (lib/security/frame-policy.ts) and
 * tells the root layout whether the request is for the bare embed player.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const headers = new Headers(request.headers);
  // Only this proxy decides, whatever a client sent.
  headers.delete(EMBED_REQUEST_HEADER);
  if (isEmbedPath(pathname)) headers.set(EMBED_REQUEST_HEADER, "1");
  const response = NextResponse.next({ request: { headers } });
  for (const [name, value] of Object.entries(frameHeaders(pathname, getConfig().EMBED_ALLOWED_ORIGINS))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Build assets are never framed as pages; everything else gets the policy.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

import { getConfig } from "../config";

/** Absolute links in feeds and on the account page: NEXTAUTH_URL when set, else the request's own origin. */
export function publicBaseUrl(request: { headers: Headers; url: string }): string {
  const configured = getConfig().NEXTAUTH_URL;
  if (configured) return configured;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : new URL(request.url).origin;
}

import { getConfig } from "../config";

/** Absolute links in feeds and on the account page: NEXTAUTH_URL when set, else the request's own host. */
export function publicBaseUrl(headers: Headers): string {
  const configured = getConfig().NEXTAUTH_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

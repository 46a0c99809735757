import type { BlockList } from "node:net";
import { getConfig } from "../config";
import { clientAddress, parseTrustedProxies } from "./client-address";

let trustedProxies: BlockList | undefined;

/** The client address of a request to this web process, believing X-Forwarded-For only from TRUSTED_PROXIES. */
export function requestClientAddress(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  trustedProxies ??= parseTrustedProxies(getConfig().TRUSTED_PROXIES);
  return clientAddress(headers instanceof Headers ? headers : toHeaders(headers), trustedProxies);
}

/** next-auth's authorize() gets Node's header object. */
function toHeaders(raw: Record<string, string | string[] | undefined> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(",") : value);
  return headers;
}

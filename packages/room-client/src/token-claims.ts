/**
 * What the client reads from a join token without verifying it (the media server does the
 * verifying): its payload, or null for a token that is not a readable JWT.
 */
function tokenPayload(token: string): Record<string, unknown> | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    return typeof json === "object" && json !== null ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** When a join token expires (ms since the epoch), from its `exp` claim: to renew a socket opened early. */
export function tokenExpiresAt(token: string): number | null {
  const exp = tokenPayload(token)?.exp;
  return typeof exp === "number" ? exp * 1000 : null;
}

/**
 * With several media-server nodes, the URL of the node web placed this token's holder on; null
 * with a single media server. A client cannot pick another: that node refuses the token.
 */
export function tokenNodeUrl(token: string): string | null {
  const node = tokenPayload(token)?.node as { url?: unknown } | undefined;
  return typeof node?.url === "string" ? node.url : null;
}

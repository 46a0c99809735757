/**
 * When a join token expires (ms since the epoch), read from its `exp` claim without verifying it:
 * the client only uses it to renew a socket opened early, the media server does the verifying.
 * Null for a token that is not a readable JWT.
 */
export function tokenExpiresAt(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    const exp = (json as { exp?: unknown } | null)?.exp;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

import { CHOSEN_PASSWORD, DEMO_PASSWORD } from "../../e2e/accounts";

/**
 * A signed-in HTTP client for the web app without a browser: next-auth's credentials flow (CSRF
 * cookie + form post) and a small cookie jar, enough for a benchmark to call pages and APIs as a
 * demo account.
 */
export type THttpSession = {
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** A demo account's seeded password: only POST /api/account/password is allowed. */
  mustChangePassword: boolean;
  /** The session's Cookie header, for clients that are not this one (wrk). */
  cookie: () => string;
};

function storeCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    if (eq > 0) jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}

/**
 * Signs a demo account in; on a fresh stack its first sign-in must choose a new password
 * (POST /api/account/password), after which it signs in again with CHOSEN_PASSWORD.
 */
export async function signInDemoOverHttp(baseUrl: string, email: string): Promise<THttpSession> {
  const first = await signInOverHttp(baseUrl, email, DEMO_PASSWORD).catch(() => null);
  if (!first) return signInOverHttp(baseUrl, email, CHOSEN_PASSWORD);
  if (!first.mustChangePassword) return first;
  const change = await first.fetch("/api/account/password", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ currentPassword: DEMO_PASSWORD, newPassword: CHOSEN_PASSWORD }),
  });
  if (!change.ok) throw new Error(`${email} could not choose a new password: ${await change.text()}`);
  return signInOverHttp(baseUrl, email, CHOSEN_PASSWORD);
}

export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<THttpSession> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const fetchWithJar = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set("cookie", cookie());
    // State-changing routes answer only requests from the site's own pages (apps/web/proxy.ts).
    if (init.method && init.method !== "GET") headers.set("origin", new URL(baseUrl).origin);
    const response = await fetch(new URL(path, baseUrl), { ...init, headers, redirect: "manual" });
    storeCookies(jar, response);
    return response;
  };
  const { csrfToken } = (await (await fetchWithJar("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetchWithJar("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = (await (await fetchWithJar("/api/auth/session")).json()) as { user?: { id: string; mustChangePassword?: boolean } };
  if (!session.user?.id) throw new Error(`could not sign in as ${email}`);
  return { fetch: fetchWithJar, mustChangePassword: session.user.mustChangePassword === true, cookie };
}

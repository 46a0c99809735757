/**
 * A signed-in HTTP client for the web app without a browser: next-auth's credentials flow (CSRF
 * cookie + form post) and a small cookie jar, enough for a benchmark to call pages and APIs as a
 * demo account.
 */
export type THttpSession = {
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
};

function storeCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    if (eq > 0) jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}

export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<THttpSession> {
  const jar = new Map<string, string>();
  const fetchWithJar = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
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
  const session = (await (await fetchWithJar("/api/auth/session")).json()) as { user?: { id: string } };
  if (!session.user?.id) throw new Error(`could not sign in as ${email}`);
  return { fetch: fetchWithJar };
}

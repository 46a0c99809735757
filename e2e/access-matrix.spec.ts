import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { classifyResponse } from "./access-matrix/classify-response";
import { readFileSync } from "node:fs";
import { discoverRoutes, discoverServerActions } from "./access-matrix/discover-routes";
import { EXPECTED_ACCESS, type TAccessCase } from "./access-matrix/expected-access";
import { createMatrixBed, IDENTITIES, type TMatrixFixtures, type TWho } from "./access-matrix/matrix-fixtures";

// The role × endpoint matrix (issue 11): every page, route handler and server action of apps/web,
// found on disk, asked as each role, a guest with an invite link and an anonymous visitor, against
// the expected access in access-matrix/expected-access.ts. Requests run against the stack
// Playwright started, with real sessions; the objects asked about are made for the matrix.

const TABLE = "e2e/access-matrix/expected-access.ts";
const PARALLEL_REQUESTS = 4;

/** A way in: a route's method, or a server action (its Next-Action id from the build). */
type TEndpoint = { key: string; method: string; pattern: string; source: string; actionId?: string };
type TCell = { endpoint: TEndpoint; access: TAccessCase; who: TWho };
type TResult = TCell & { status: number; outcome: string; url: string };

/** Server action ids of the built app (the stack runs the build), by "file#name". */
function serverActionIds(webDir: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(webDir, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return new Map(Object.entries(manifest.node).map(([id, action]) => [`${action.filename.replace(/^apps\/web\//, "")}#${action.exportedName}`, id]));
}

/** The request body: JSON, a multipart form, or a server action's arguments as React encodes them. */
function bodyOf(endpoint: TEndpoint, access: TAccessCase, fixtures: TMatrixFixtures, who: TWho, url: string) {
  if (endpoint.actionId) {
    const headers = { "next-action": endpoint.actionId };
    if (access.actionForm) {
      // A FormData argument travels as prefixed fields, referenced from the argument list.
      const fields = Object.fromEntries(Object.entries(access.actionForm).map(([name, value]) => [`_1_${name}`, value]));
      return { headers, multipart: { "0": JSON.stringify(["$K1"]), ...fields } };
    }
    return { headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, data: JSON.stringify(access.actionArgs?.(fixtures, who, url) ?? []) };
  }
  if (["GET", "HEAD"].includes(endpoint.method)) return {};
  if (access.multipart) return { multipart: access.multipart(fixtures, who) };
  return { data: access.json ? access.json(fixtures, who) : {} };
}

/** The code of an { error: { code } } body; null for an empty body (HEAD) or another shape. */
function errorCodeOf(body: string): string | null {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
}

async function ask(context: APIRequestContext, fixtures: TMatrixFixtures, { endpoint, access, who }: TCell): Promise<TResult> {
  const url = access.url ? await access.url(fixtures, who) : endpoint.pattern;
  const response = await context.fetch(url, { method: endpoint.method, maxRedirects: 0, failOnStatusCode: false, ...bodyOf(endpoint, access, fixtures, who, url) });
  const headers = response.headers();
  // A server action answers a redirect (to sign-in, say) in a header of a 200.
  const location = headers["x-action-redirect"]?.split(";")[0] ?? headers["location"] ?? null;
  const type = headers["content-type"] ?? "";
  const isPage = type.startsWith("text/html");
  const errorCode = type.startsWith("application/json") && response.status() >= 400 ? errorCodeOf(await response.text()) : null;
  const outcome = classifyResponse(response.status(), location, isPage ? await response.text() : null, errorCode);
  await response.dispose();
  return { endpoint, access, who, status: response.status(), outcome, url };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

const describeCell = (r: TResult) => `${r.who.padEnd(12)} ${r.endpoint.key}${r.access.about ? ` (${r.access.about})` : ""} → ${r.status} at ${r.url}`;

test("every page, route handler and server action refuses everyone the access table does not let in", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const webDir = join(test.info().project.testDir, "..", "apps", "web");
  const actionIds = serverActionIds(webDir);
  const endpoints: TEndpoint[] = [
    ...discoverRoutes(join(webDir, "app")).map((r) => ({ key: r.key, method: r.method, pattern: r.pattern, source: `app/${r.file}` })),
    ...discoverServerActions(webDir).map((a) => ({ key: a.key, method: "POST", pattern: "/", source: a.file, actionId: actionIds.get(`${a.file}#${a.name}`) })),
  ];
  const missing = endpoints.filter((e) => !(e.key in EXPECTED_ACCESS));
  expect(missing.map((e) => `${e.key} (${e.source})`), `Add these to ${TABLE}: who may use each?`).toEqual([]);
  const stale = Object.keys(EXPECTED_ACCESS).filter((key) => !endpoints.some((e) => e.key === key));
  expect(stale, `These entries of ${TABLE} name no route any more: remove them`).toEqual([]);
  const unbuilt = endpoints.filter((e) => e.key.startsWith("ACTION ") && !e.actionId).map((e) => e.key);
  expect(unbuilt, "server actions missing from the build's server-reference manifest: build the web app first").toEqual([]);

  const { DATABASE_URL, E2E_STORAGE_DIR } = process.env;
  expect(DATABASE_URL, "the matrix makes its objects in the stack's database: run it with DATABASE_URL, as npm test does").toBeTruthy();
  const started = Date.now();
  const bed = await createMatrixBed(baseURL!, { DATABASE_URL: DATABASE_URL!, E2E_STORAGE_DIR: E2E_STORAGE_DIR! });
  try {
    const cells: TCell[] = endpoints.flatMap((endpoint) => EXPECTED_ACCESS[endpoint.key]!.flatMap((access) => IDENTITIES.map((who) => ({ endpoint, access, who }))));
    const prepared = Date.now();
    const results = await pool(cells, PARALLEL_REQUESTS, (cell) => ask(bed.contexts[cell.who], bed.fixtures, cell));
    const asked = Date.now();

    const unexpectedSuccesses = results.filter((r) => r.outcome === "allowed" && !r.access.allow.includes(r.who));
    const unexpectedRefusals = results.filter((r) => r.outcome === "refused" && r.access.allow.includes(r.who));
    const errors = results.filter((r) => r.outcome === "error");
    const cases = endpoints.reduce((n, e) => n + EXPECTED_ACCESS[e.key]!.length, 0);
    console.log(
      `access matrix: ${endpoints.length} endpoints (${cases} cases) × ${IDENTITIES.length} identities = ${results.length} requests; ` +
        `${results.filter((r) => r.outcome === "allowed").length} allowed, ${results.filter((r) => r.outcome === "refused").length} refused; ` +
        `${unexpectedSuccesses.length} unexpected successes, ${unexpectedRefusals.length} unexpected refusals, ${errors.length} errors ` +
        `(objects and sign-ins ${((prepared - started) / 1000).toFixed(1)} s, requests ${((asked - prepared) / 1000).toFixed(1)} s)`,
    );
    // One assertion, so a failure shows every difference at once.
    expect(
      { unexpectedSuccesses: unexpectedSuccesses.map(describeCell), unexpectedRefusals: unexpectedRefusals.map(describeCell), errors: errors.map(describeCell) },
      `the app differs from ${TABLE}: fix the route, or the table if the rule changed`,
    ).toEqual({ unexpectedSuccesses: [], unexpectedRefusals: [], errors: [] });
  } finally {
    await bed.close();
  }
});

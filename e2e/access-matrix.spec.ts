import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { classifyResponse } from "./access-matrix/classify-response";
import { discoverRoutes, type TRoute } from "./access-matrix/discover-routes";
import { EXPECTED_ACCESS, type TAccessCase } from "./access-matrix/expected-access";
import { createMatrixBed, IDENTITIES, type TMatrixFixtures, type TWho } from "./access-matrix/matrix-fixtures";

// The role × endpoint matrix (issue 11): every page and route handler of apps/web/app, found on
// disk, asked as each role, a guest with an invite link and an anonymous visitor, against the
// expected access in access-matrix/expected-access.ts. Requests run against the stack Playwright
// started, with real sessions; the objects asked about are made for the matrix.

const TABLE = "e2e/access-matrix/expected-access.ts";
const PARALLEL_REQUESTS = 4;

type TCell = { route: TRoute; access: TAccessCase; who: TWho };
type TResult = TCell & { status: number; outcome: string; url: string };

async function ask(context: APIRequestContext, fixtures: TMatrixFixtures, { route, access, who }: TCell): Promise<TResult> {
  const url = access.url ? await access.url(fixtures, who) : route.pattern;
  const body = ["GET", "HEAD"].includes(route.method)
    ? {}
    : access.multipart
      ? { multipart: access.multipart(fixtures, who) }
      : { data: access.json ? access.json(fixtures, who) : {} };
  const response = await context.fetch(url, { method: route.method, maxRedirects: 0, failOnStatusCode: false, ...body });
  const isPage = (response.headers()["content-type"] ?? "").startsWith("text/html");
  const outcome = classifyResponse(response.status(), response.headers()["location"] ?? null, isPage ? await response.text() : null);
  await response.dispose();
  return { route, access, who, status: response.status(), outcome, url };
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

const describeCell = (r: TResult) => `${r.who.padEnd(12)} ${r.route.key}${r.access.about ? ` (${r.access.about})` : ""} → ${r.status} at ${r.url}`;

test("every page and route handler refuses everyone the access table does not let in", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const routes = discoverRoutes(join(test.info().project.testDir, "..", "apps", "web", "app"));
  const missing = routes.filter((r) => !(r.key in EXPECTED_ACCESS));
  expect(missing.map((r) => `${r.key} (app/${r.file})`), `Add these routes to ${TABLE}: who may use each?`).toEqual([]);
  const stale = Object.keys(EXPECTED_ACCESS).filter((key) => !routes.some((r) => r.key === key));
  expect(stale, `These entries of ${TABLE} name no route any more: remove them`).toEqual([]);

  const { DATABASE_URL, E2E_STORAGE_DIR } = process.env;
  expect(DATABASE_URL, "the matrix makes its objects in the stack's database: run it with DATABASE_URL, as npm test does").toBeTruthy();
  const started = Date.now();
  const bed = await createMatrixBed(baseURL!, { DATABASE_URL: DATABASE_URL!, E2E_STORAGE_DIR: E2E_STORAGE_DIR! });
  try {
    const cells: TCell[] = routes.flatMap((route) => EXPECTED_ACCESS[route.key]!.flatMap((access) => IDENTITIES.map((who) => ({ route, access, who }))));
    const prepared = Date.now();
    const results = await pool(cells, PARALLEL_REQUESTS, (cell) => ask(bed.contexts[cell.who], bed.fixtures, cell));
    const asked = Date.now();

    const unexpectedSuccesses = results.filter((r) => r.outcome === "allowed" && !r.access.allow.includes(r.who));
    const unexpectedRefusals = results.filter((r) => r.outcome === "refused" && r.access.allow.includes(r.who));
    const errors = results.filter((r) => r.outcome === "error");
    const cases = routes.reduce((n, r) => n + EXPECTED_ACCESS[r.key]!.length, 0);
    console.log(
      `access matrix: ${routes.length} routes (${cases} cases) × ${IDENTITIES.length} identities = ${results.length} requests; ` +
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

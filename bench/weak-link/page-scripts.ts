import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";

/**
 * The JavaScript a page downloads while it loads, as the browser sees it: every script response
 * of the navigation, gzipped here at level 6 (what a reverse proxy's gzip sends) whether or not
 * the server compressed it. Call before page.goto; the result is ready once `load` has fired.
 */
export function recordPageScripts(page: Page): () => Promise<{ files: number; rawBytes: number; gzipBytes: number }> {
  const bodies: Promise<Buffer | null>[] = [];
  const onResponse = (response: import("playwright-core").Response) => {
    if (response.request().resourceType() === "script") bodies.push(response.body().catch(() => null));
  };
  page.on("response", onResponse);
  return async () => {
    page.off("response", onResponse);
    const files = (await Promise.all(bodies)).filter((body): body is Buffer => body !== null);
    return {
      files: files.length,
      rawBytes: files.reduce((sum, body) => sum + body.length, 0),
      gzipBytes: files.reduce((sum, body) => sum + gzipSync(body, { level: 6 }).length, 0),
    };
  };
}

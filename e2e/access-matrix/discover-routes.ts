import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type THttpMethod = (typeof HTTP_METHODS)[number];

/** One way in: a page (GET) or a method a route handler exports, as "METHOD /path/[param]". */
export interface TRoute {
  key: string;
  method: THttpMethod;
  pattern: string;
  file: string;
}

const METHOD = HTTP_METHODS.join("|");
// `export const GET = …`, `export async function POST(…)`, `export { handler as GET }`.
const DECLARED = new RegExp(String.raw`export\s+(?:const|let|(?:async\s+)?function)\s+(${METHOD})\b`, "g");
const REEXPORTED = /export\s*\{([^}]*)\}/g;

/** The methods a route.ts exports, read from its source. */
export function exportedMethods(source: string): THttpMethod[] {
  const found = new Set<THttpMethod>();
  for (const match of source.matchAll(DECLARED)) found.add(match[1] as THttpMethod);
  for (const match of source.matchAll(REEXPORTED)) {
    for (const part of match[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).at(-1)!.trim();
      if ((HTTP_METHODS as readonly string[]).includes(name)) found.add(name as THttpMethod);
    }
  }
  return HTTP_METHODS.filter((m) => found.has(m));
}

/** "/su-kien/[id]/page.tsx" → "/su-kien/[id]"; route groups "(x)" vanish as in Next's router. */
function patternOf(appDir: string, dir: string): string {
  const segments = relative(appDir, dir).split(sep).filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/**
 * Every page and route handler under Next's app directory, found on disk so that a route added
 * later is in the matrix (and fails it until its expected access is written down).
 */
export function discoverRoutes(appDir: string): TRoute[] {
  const routes: TRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        // Private folders (_x) are not routes.
        if (!entry.name.startsWith("_")) walk(path);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        const pattern = patternOf(appDir, dir);
        routes.push({ key: `GET ${pattern}`, method: "GET", pattern, file: relative(appDir, path) });
      } else if (/^route\.(ts|js)$/.test(entry.name)) {
        const pattern = patternOf(appDir, dir);
        const methods = exportedMethods(readFileSync(path, "utf8"));
        if (methods.length === 0) throw new Error(`${relative(appDir, path)} exports no HTTP method the matrix recognizes`);
        for (const method of methods) routes.push({ key: `${method} ${pattern}`, method, pattern, file: relative(appDir, path) });
      }
    }
  };
  walk(appDir);
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** A server action: an exported async function of a "use server" module, called by POST with a Next-Action id. */
export interface TServerAction {
  key: string;
  /** Path from apps/web, as Next's server-reference manifest names the module. */
  file: string;
  name: string;
}

const ACTION_EXPORT = /export\s+async\s+function\s+([A-Za-z0-9_$]+)/g;

/** Every server action under the web app's source folders, found on disk like the routes. */
export function discoverServerActions(webDir: string, folders: readonly string[] = ["app", "lib", "components"]): TServerAction[] {
  const actions: TServerAction[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(entry.name)) {
        const source = readFileSync(path, "utf8");
        if (!/^\s*["']use server["']/.test(source)) continue;
        const file = relative(webDir, path).split(sep).join("/");
        for (const match of source.matchAll(ACTION_EXPORT)) actions.push({ key: `ACTION ${file}#${match[1]}`, file, name: match[1]! });
      }
    }
  };
  for (const folder of folders) walk(join(webDir, folder));
  return actions.sort((a, b) => a.key.localeCompare(b.key));
}

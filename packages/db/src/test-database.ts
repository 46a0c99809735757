import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { DEFAULT_DATABASE_URL } from "./database-url";
import { migrateDeploy } from "./migrate";

export type TestDatabase = { url: string; drop(): Promise<void> };

// Only databases with these prefixes are ever dropped, so a wrong URL cannot destroy real data.
const PREFIX = "diemcau_test_";
const TEMPLATE_PREFIX = "diemcau_tpl_";
const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
// Serializes template builds and copies across test processes (CREATE DATABASE … TEMPLATE
// fails while another session is connected to the template).
const LOCK_KEY = 7_236_222;
const KEPT_TEMPLATES = 12;

/**
 * Creates a uniquely named database on the server of `baseUrl` with every migration applied.
 * `prisma migrate deploy` takes 10–15 s, so by default it runs once per set of migrations into a
 * template database, and each test database is a copy of that template (well under a second).
 * `fromTemplate: false` migrates an empty database instead (the migration test's own case);
 * `migrate: false` leaves it empty, for a test that applies migrations' SQL one by one.
 */
export async function createTestDatabase(
  baseUrl: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
  { fromTemplate = true, migrate = true }: { fromTemplate?: boolean; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const name = `${PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const url = withDatabase(baseUrl, name);
  const drop = () => dropTestDatabase(url);
  if (fromTemplate && migrate) {
    await withServerLock(baseUrl, async (client) => {
      const template = await ensureTemplate(client, baseUrl);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    });
    return { url, drop };
  }
  await withServerLock(baseUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  if (!migrate) return { url, drop };
  try {
    await migrateDeploy(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}

/** Drops a database made by createTestDatabase, disconnecting whoever still uses it. */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  assertDroppable(name, PREFIX);
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function migrationsHash(): string {
  const hash = createHash("sha256");
  for (const entry of readdirSync(MIGRATIONS_DIR, { recursive: true, encoding: "utf8" }).sort()) {
    if (!entry.endsWith(".sql")) continue;
    hash.update(entry).update(readFileSync(join(MIGRATIONS_DIR, entry)));
  }
  return hash.digest("hex").slice(0, 16);
}

async function ensureTemplate(client: pg.Client, baseUrl: string): Promise<string> {
  const template = `${TEMPLATE_PREFIX}${migrationsHash()}`;
  // Oldest first (oids grow): templates of other migration sets stay, since several checkouts
  // (branches, CI) share one server; only the oldest beyond KEPT_TEMPLATES go.
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE '${TEMPLATE_PREFIX}%' AND datname NOT LIKE '%_building' ORDER BY oid`,
  );
  if (rows.some((r) => r.datname === template)) return template;
  for (const { datname } of rows.slice(0, Math.max(0, rows.length - (KEPT_TEMPLATES - 1)))) {
    assertDroppable(datname, TEMPLATE_PREFIX);
    await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  // Built under a temporary name and renamed once complete, so a crash never leaves a
  // half-migrated template behind under the real name.
  const building = `${template}_building`;
  await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${building}"`);
  await migrateDeploy(withDatabase(baseUrl, building));
  await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  return template;
}

async function withServerLock<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    return await work(client);
  } finally {
    await client.end(); // also releases the advisory lock
  }
}

function assertDroppable(name: string, prefix: string) {
  if (!name.startsWith(prefix) || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Refusing to drop "${name}": not a test database (${prefix}…)`);
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

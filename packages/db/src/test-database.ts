import { randomBytes } from "node:crypto";
import pg from "pg";
import { DEFAULT_DATABASE_URL } from "./database-url";
import { migrateDeploy } from "./migrate";

export type TestDatabase = { url: string; drop(): Promise<void> };

// Only databases with this prefix are ever dropped, so a wrong URL cannot destroy real data.
const PREFIX = "diemcau_test_";

/** Creates a uniquely named database on the server of `baseUrl` and applies every migration. */
export async function createTestDatabase(
  baseUrl: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
): Promise<TestDatabase> {
  const name = `${PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await onServer(baseUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(baseUrl, name);
  const drop = () => dropTestDatabase(url);
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
  if (!name.startsWith(PREFIX) || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Refusing to drop "${name}": not a test database (${PREFIX}…)`);
  }
  await onServer(withDatabase(url, "postgres"), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

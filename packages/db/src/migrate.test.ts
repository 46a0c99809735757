import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "./generated/prisma/client";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "./test-database";

describe("migrations on a fresh database", () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, { fromTemplate: false });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("creates a table for every model in the schema", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const tables = rows.map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(Object.values(Prisma.ModelName)));
  });

  it("records the init migration as applied and none as failed", async () => {
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations",
    );
    expect(rows.some((r) => r.migration_name.endsWith("_init"))).toBe(true);
    expect(rows.filter((r) => r.finished_at === null || r.rolled_back_at !== null)).toEqual([]);
  });

  it("drops only databases it made, even while someone is connected", async () => {
    const name = `diemcau_test_drop_${Date.now()}`;
    await client.query(`CREATE DATABASE "${name}"`);
    const url = new URL(database.url);
    url.pathname = `/${name}`;
    const holder = new pg.Client({ connectionString: url.toString() });
    await holder.connect();
    holder.on("error", () => {}); // it is disconnected by DROP … WITH (FORCE)
    await dropTestDatabase(url.toString());
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    expect(rowCount).toBe(0);
    await holder.end().catch(() => {});

    url.pathname = "/postgres";
    await expect(dropTestDatabase(url.toString())).rejects.toThrow(/not a test database/);
  });
});

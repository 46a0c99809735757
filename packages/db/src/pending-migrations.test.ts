import { afterAll, describe, expect, it } from "vitest";
import { pendingMigrations } from "./migrate";
import { createTestDatabase, type TestDatabase } from "./test-database";

describe("pendingMigrations", () => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(made.map((d) => d.drop()));
  });

  it("lists nothing for a migrated database", async () => {
    const database = await createTestDatabase();
    made.push(database);
    expect(await pendingMigrations(database.url)).toEqual([]);
  });

  it("lists every migration for an empty database, and the ones it lacks otherwise", async () => {
    const database = await createTestDatabase();
    made.push(database);
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
    );
    const newest = rows[0]!.migration_name;
    await client.query("DELETE FROM _prisma_migrations WHERE migration_name = $1", [newest]);
    expect(await pendingMigrations(database.url)).toEqual([newest]);
    await client.query("DROP TABLE _prisma_migrations");
    await client.end();
    expect((await pendingMigrations(database.url)).length).toBeGreaterThan(1);
  });
});

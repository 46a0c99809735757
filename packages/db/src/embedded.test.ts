import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "./client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";
import { migrateDeploy } from "./migrate";
import { seedDemo } from "./seed";

// The zero-setup default a new user meets: PGlite on a data directory, served over the wire
// protocol to several processes at once.
describe("embedded PostgreSQL", () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), "diemcau-pglite-")), "pglite");
  let database: EmbeddedPostgres | undefined;

  beforeAll(async () => {
    database = await startEmbeddedPostgres({ dataDir, port: 0 });
  });

  afterAll(async () => {
    await database?.stop();
    rmSync(join(dataDir, ".."), { recursive: true, force: true });
  });

  it("applies the migrations and the seed through Prisma", async () => {
    await migrateDeploy(database!.url);
    const db = createPrismaClient(database!.url);
    try {
      await seedDemo(db);
      // Prisma's pool sends these on several connections at once.
      const [bridgePoints, users, events] = await Promise.all([db.bridgePoint.count(), db.user.count(), db.event.count()]);
      expect({ bridgePoints, users, events }).toEqual({ bridgePoints: 9, users: 17, events: 3 });
    } finally {
      await db.$disconnect();
    }
  });

  it("has unaccent and pg_trgm for Vietnamese search", async () => {
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      await client.query("CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm");
      const { rows } = await client.query("SELECT unaccent('Đa Krông') AS folded, similarity('dong ha', unaccent('Đông Hà')) AS score");
      expect(rows[0]).toEqual({ folded: "Da Krong", score: 1 });
    } finally {
      await client.end();
    }
  });

  it("answers two clients running statements at the same time, each with its own results", async () => {
    const a = new pg.Pool({ connectionString: database!.url, max: 4 });
    const b = new pg.Pool({ connectionString: database!.url, max: 4 });
    try {
      await a.query("CREATE TABLE probe (id int PRIMARY KEY, payload text)");
      // Large parameters arrive in several TCP chunks; a statement of one client must never
      // run with the other client's parameters or the other way round.
      const calls = Array.from({ length: 40 }, (_, i) => {
        const payload = String(i % 10).repeat(i % 3 ? 200_000 : 10);
        return i % 2
          ? a.query("INSERT INTO probe VALUES ($1, $2) RETURNING id, 'insert' AS kind", [i, payload])
          : b.query("SELECT $1::int AS id, 'select:' || length($2::text) AS kind", [i, payload]);
      });
      const results = await Promise.all(calls);
      results.forEach(({ rows: [row] }, i) => {
        expect(row.id).toBe(i);
        expect(row.kind).toBe(i % 2 ? "insert" : `select:${i % 3 ? 200_000 : 10}`);
      });

      // A transaction on one client is isolated: the other waits and then sees it committed.
      const tx = await a.connect();
      await tx.query("BEGIN");
      await tx.query("INSERT INTO probe VALUES (1000, 'tx')");
      const seenByB = b.query("SELECT count(*)::int AS n FROM probe WHERE id = 1000");
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.query("COMMIT");
      tx.release();
      expect((await seenByB).rows[0].n).toBe(1);

      // A client that disconnects inside a transaction leaves nothing behind and blocks no one.
      const quitter = new pg.Client({ connectionString: database!.url });
      await quitter.connect();
      await quitter.query("BEGIN");
      await quitter.query("INSERT INTO probe VALUES (2000, 'abandoned')");
      await quitter.end();
      expect((await b.query("SELECT count(*)::int AS n FROM probe WHERE id = 2000")).rows[0].n).toBe(0);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it("refuses a second server on the same data directory or port with a clear message", async () => {
    await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toMatchObject({ code: "DB_DATA_DIR_IN_USE" });
    const otherDir = join(dataDir, "..", "other");
    await expect(startEmbeddedPostgres({ dataDir: otherDir, port: database!.port })).rejects.toMatchObject({
      code: "DB_PORT_IN_USE",
      message: expect.stringContaining(`Cổng ${database!.port} đang được dùng`),
    });
  });

  it("keeps the data after a restart on the same directory", async () => {
    await database!.stop();
    database = await startEmbeddedPostgres({ dataDir, port: 0 });
    const db = createPrismaClient(database.url);
    try {
      expect(await db.bridgePoint.count()).toBe(9);
      expect(await db.user.findUnique({ where: { email: "admin@diemcau.local" } })).toMatchObject({ role: "ADMIN" });
    } finally {
      await db.$disconnect();
    }
  });
});

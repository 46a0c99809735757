import { createPrismaClient, type Db } from "@diemcau/db";
import { createTestDatabase } from "@diemcau/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerConfig } from "./config";
import { startWorkerProcess } from "./worker-process";

describe("worker process", () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createPrismaClient(testDb.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.drop();
  });

  it("starts, runs a queued job, reports a heartbeat, and stops cleanly", async () => {
    const worker = await startWorkerProcess(loadWorkerConfig({ DATABASE_URL: testDb.url }));
    try {
      const beat = await db.workerHeartbeat.findUnique({ where: { id: worker.heartbeatId } });
      expect(beat?.seenAt.getTime()).toBeGreaterThan(Date.now() - 30_000);

      await worker.boss.createQueue("test.echo");
      const done = new Promise<unknown>((resolve) => {
        void worker.boss.work<{ n: number }>("test.echo", { pollingIntervalSeconds: 0.5 }, async ([job]) => {
          resolve(job?.data.n);
        });
      });
      await worker.boss.send("test.echo", { n: 42 });
      expect(await done).toBe(42);
    } finally {
      await worker.stop();
    }
    expect(await db.workerHeartbeat.count({ where: { id: worker.heartbeatId } })).toBe(0);
  });

  it("refuses to start with a clear message when the database is unreachable", async () => {
    await expect(
      startWorkerProcess(loadWorkerConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" })),
    ).rejects.toThrow(/127\.0\.0\.1:1/);
  });
});

import { checkDatabase, createPrismaClient } from "@diemcau/db";
import PgBoss from "pg-boss";
import type { TWorkerConfig } from "./config";
import { startHeartbeat } from "./heartbeat";

export type WorkerProcess = Awaited<ReturnType<typeof startWorkerProcess>>;

/** Starts the job queue (pg-boss on the same PostgreSQL) and the liveness heartbeat. */
export async function startWorkerProcess(config: TWorkerConfig) {
  await checkDatabase(config.DATABASE_URL);
  const db = createPrismaClient(config.DATABASE_URL);
  const boss = new PgBoss({ connectionString: config.DATABASE_URL, schema: "pgboss" });
  boss.on("error", (err) => console.error("[worker] queue error:", err));
  await boss.start();
  const heartbeat = await startHeartbeat(db, config.HEARTBEAT_INTERVAL_MS);
  return {
    boss,
    heartbeatId: heartbeat.id,
    async stop() {
      await heartbeat.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await db.$disconnect();
    },
  };
}

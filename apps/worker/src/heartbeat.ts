import { hostname } from "node:os";
import type { Db } from "@diemcau/db";

/**
 * Records that this worker process is alive, so /api/health can tell whether any worker runs.
 * A row per process (hostname:pid) lets several workers share one database.
 */
export async function startHeartbeat(db: Db, intervalMs: number) {
  const id = `${hostname()}:${process.pid}`;
  const beat = () =>
    db.workerHeartbeat.upsert({ where: { id }, create: { id, seenAt: new Date() }, update: { seenAt: new Date() } });
  await beat();
  const timer = setInterval(() => {
    beat().catch((err: unknown) => console.error("[worker] heartbeat failed:", err));
  }, intervalMs);
  return {
    id,
    async stop() {
      clearInterval(timer);
      await db.workerHeartbeat.deleteMany({ where: { id } });
    },
  };
}

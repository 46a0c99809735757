import type { Db } from "@diemcau/db";
import type { TComponentHealth } from "@diemcau/protocol";
import { describeError, withTimeout } from "./with-timeout";

/** Workers write a heartbeat every 10 s; three missed beats means none is alive. */
export const WORKER_HEARTBEAT_MAX_AGE_MS = 30_000;

export async function checkWorker(db: Db, now = new Date(), timeoutMs = 2_000): Promise<TComponentHealth> {
  try {
    const alive = await withTimeout(
      db.workerHeartbeat.count({ where: { seenAt: { gte: new Date(now.getTime() - WORKER_HEARTBEAT_MAX_AGE_MS) } } }),
      timeoutMs,
      "database",
    );
    return alive > 0 ? { ok: true, detail: `${alive} alive` } : { ok: false, detail: "no heartbeat in the last 30 s" };
  } catch (err) {
    return { ok: false, detail: describeError(err) };
  }
}

import type { Db } from "@diemcau/db";
import type { TComponentHealth } from "@diemcau/protocol";
import { describeError, withTimeout } from "./with-timeout";

export async function checkDatabase(db: Db, timeoutMs = 2_000): Promise<TComponentHealth> {
  try {
    await withTimeout(db.$queryRaw`SELECT 1`, timeoutMs, "database");
    return { ok: true };
  } catch (err) {
    return { ok: false, detail: describeError(err) };
  }
}

import type { Db } from "@diemcau/db";
import type { THealthReport } from "@diemcau/protocol";
import { checkDatabase } from "./check-database";
import { checkMediaServer } from "./check-media-server";
import { checkWorker } from "./check-worker";

export async function buildHealthReport(db: Db, mediaServerUrl: string): Promise<THealthReport> {
  const [database, mediaServer, worker] = await Promise.all([
    checkDatabase(db),
    checkMediaServer(mediaServerUrl),
    checkWorker(db),
  ]);
  return { ok: database.ok && mediaServer.ok && worker.ok, database, mediaServer, worker };
}

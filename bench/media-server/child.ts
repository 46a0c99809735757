/**
 * media-server as its own process for the benchmarks that must measure it apart from their
 * clients: startMediaServer with the environment's config.ts, plus what only this process can
 * see, answered over IPC: the live mediasoup objects (counted through mediasoup's observer API),
 * each worker's dump, and the memory of this process and of its workers.
 */
import { readFileSync } from "node:fs";
import { loadConfig } from "../../media-server/src/config";
import type { TRateLimit } from "../../media-server/src/RateLimiter";
import { startMediaServer } from "../../media-server/src/server";
import { countMediasoupObjects } from "../../media-server/src/test-mediasoup-objects";
import type { TChildReply, TChildStats } from "./protocol";

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.match(/\d+/)?.[0] ?? 0) * 1024;
}

const rateLimit = process.env.BENCH_RATE_LIMIT ? (JSON.parse(process.env.BENCH_RATE_LIMIT) as TRateLimit) : undefined;
const server = await startMediaServer(loadConfig(), { log: (m) => process.stderr.write(`[media-server] ${m}\n`), rateLimit });
const workerPids = server.pool.workers.map((w) => w.pid);
const { live, routers } = countMediasoupObjects(server.pool.workers);
let workersDied = 0;
for (const worker of server.pool.workers) worker.once("died", () => workersDied++);

async function stats(): Promise<TChildStats> {
  // Started with --expose-gc: memory is read after a full collection, so garbage not yet
  // collected does not pass for a leak.
  (globalThis as { gc?: () => void }).gc?.();
  const dumps = await Promise.all(server.pool.workers.filter((w) => !w.closed).map((w) => w.dump()));
  // The worker's own account, apart from the observer's: transports left in its routers.
  const routerDumps = await Promise.all([...routers].map((router) => router.dump().catch(() => null)));
  const dumpedTransports = routerDumps.reduce((sum, dump) => sum + (dump?.transportIds.length ?? 0), 0);
  return {
    live: { ...live },
    routerIds: dumps.flatMap((d) => d.routerIds),
    dumpedTransports,
    rooms: server.rooms.count,
    workerPids,
    workersDied,
    rss: process.memoryUsage().rss,
    heapUsed: process.memoryUsage().heapUsed,
    workerRss: server.pool.workers.filter((w) => !w.closed).reduce((sum, w) => sum + rssOf(w.pid), 0),
  };
}

process.on("message", (message: { id: number; type: "stats" }) => {
  void stats().then((data) => process.send?.({ id: message.id, data } satisfies TChildReply));
});
process.send?.({ id: 0, data: { ready: server.port } } satisfies TChildReply);

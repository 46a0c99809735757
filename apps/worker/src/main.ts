import { ConfigError } from "@diemcau/protocol";
import { loadWorkerConfig } from "./config";
import { startWorkerProcess } from "./worker-process";

async function main() {
  const worker = await startWorkerProcess(loadWorkerConfig());
  console.log(`[worker] ready (${worker.heartbeatId})`);
  const shutdown = async (signal: string) => {
    console.log(`[worker] ${signal}: stopping`);
    await worker.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? `[worker] ${err.message}` : err);
  process.exit(1);
});

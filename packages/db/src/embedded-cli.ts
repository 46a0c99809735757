// npm run embedded -w @diemcau/db
// Starts the embedded PostgreSQL, prints its URL as the first line on stdout once it accepts
// connections, and stops cleanly on SIGINT/SIGTERM.
import { fileURLToPath } from "node:url";
import { parseEnv, zPort } from "@diemcau/protocol";
import { z } from "zod";
import { startEmbeddedPostgres } from "./embedded";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

try {
  const config = parseEnv(
    "embedded-postgres",
    z.object({
      EMBEDDED_DB_DIR: z.string().default(`${repoRoot}.data/pglite`),
      // Not 5432, where a real PostgreSQL usually listens; the same default as scripts/start.ts.
      EMBEDDED_DB_PORT: zPort.default(54329),
    }),
  );
  const database = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_DB_DIR, port: config.EMBEDDED_DB_PORT });
  process.stdout.write(`${database.url}\n`);
  console.error(`PostgreSQL nhúng (PGlite) / embedded PostgreSQL: ${database.url}, dữ liệu/data: ${config.EMBEDDED_DB_DIR}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

const ROOT = path.join(import.meta.dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The whole suite as `npm start` runs it (scripts/start.ts: migrations, demo seed, web,
 * media-server, worker) on free ports against a throwaway database, dropped on close. `env` adds
 * to the stack's environment (e.g. STORAGE_DIR, secrets the benchmark must know).
 */
export async function startRoomStack(options: { build: boolean; env?: Record<string, string> }) {
  if (options.build) execFileSync("npm", ["run", "build", "-w", "@diemcau/web"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const databaseUrl = execFileSync(TSX, ["packages/db/src/test-database-cli.ts", "create"], { cwd: ROOT, encoding: "utf8" }).trim();
  const webPort = await freePort();
  const mediaPort = await freePort();
  const stack = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--skip-build"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...options.env,
      DATABASE_URL: databaseUrl,
      WEB_PORT: String(webPort),
      MEDIA_SERVER_PORT: String(mediaPort),
    },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  stack.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const baseUrl = `http://localhost:${webPort}`;
  const close = async () => {
    if (stack.exitCode === null) {
      const exited = new Promise<void>((resolve) => stack.once("exit", () => resolve()));
      process.kill(-stack.pid!, "SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
    }
    execFileSync(TSX, ["packages/db/src/test-database-cli.ts", "drop", databaseUrl], { cwd: ROOT, stdio: "ignore" });
  };
  // Migrations, the seed and the demo lessons take minutes on a loaded 2-core machine.
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    if (stack.exitCode !== null) {
      await close();
      throw new Error(`the stack exited while starting:\n${stderr}`);
    }
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) {
      await untilWorkerIdle(databaseUrl, until);
      return { baseUrl, mediaUrl: `http://localhost:${mediaPort}`, databaseUrl, close };
    }
    await sleep(500);
  }
  await close();
  throw new Error(`the stack did not answer ${baseUrl}/api/health within 300 s:\n${stderr}`);
}

/**
 * Waits until the worker has no job due (pg-boss's queue in the stack's database): a fresh stack
 * makes its demo lessons' slides, renditions and search index in its first minutes, which would
 * load the machine during the measurements. Benchmarks measure a settled stack, as in the middle of a day.
 */
async function untilWorkerIdle(databaseUrl: string, until: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = Date.now();
    for (let idlePolls = 0; idlePolls < 3 && Date.now() < until; ) {
      const { rows } = await client.query<{ due: string }>(
        `SELECT count(*) AS due FROM pgboss.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`,
      );
      idlePolls = Number(rows[0]!.due) === 0 ? idlePolls + 1 : 0;
      await sleep(1000);
    }
    console.log(`  (the stack's worker settled after ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await client.end();
  }
}

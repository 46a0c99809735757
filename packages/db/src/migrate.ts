import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

/**
 * Applies the committed migrations to `url` with `prisma migrate deploy` (the CLI, in a child
 * process, because migrations run in Prisma's schema engine and read prisma.config.ts).
 * Rejects with the CLI's output when it fails.
 */
export function migrateDeploy(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`)),
    );
  });
}

/**
 * Names of the committed migrations not yet applied to `url` (all of them on an empty database).
 * Lets a restart skip `prisma migrate deploy`, which costs seconds even when there is nothing to do.
 */
export async function pendingMigrations(url: string): Promise<string[]> {
  const committed = readdirSync(join(packageDir, "prisma/migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: table } = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table[0]?.t) return committed.sort();
    const { rows } = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return committed.filter((name) => !applied.has(name)).sort();
  } finally {
    await client.end();
  }
}

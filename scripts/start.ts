/**
 * Runs the whole suite: PostgreSQL (DATABASE_URL, or an embedded PGlite under .data/ when it is
 * unset), migrations and the demo seed, then web + media-server + worker, supervised together.
 * Ctrl-C stops every process it started. Used by `npm start` and by the end-to-end tests.
 *   --skip-build   do not (re)build the web app (the caller built it)
 * Environment: WEB_PORT (3000), MEDIA_SERVER_PORT (3001), EMBEDDED_DB_PORT (54329), DATABASE_URL,
 * DIEMCAU_DATA_DIR (.data: the embedded database and the generated secrets).
 */
import { join, resolve } from "node:path";
import { checkDatabase } from "@diemcau/db";
import { pendingMigrations } from "@diemcau/db/migrate";
import { assertPortFree } from "./lib/ports";
import { runStep, SupervisedService } from "./lib/processes";
import { loadOrCreateSecrets } from "./lib/secrets";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "node_modules/.bin");
const webPort = Number(process.env.WEB_PORT ?? 3000);
const mediaPort = Number(process.env.MEDIA_SERVER_PORT ?? 3001);
const embeddedPort = Number(process.env.EMBEDDED_DB_PORT ?? 54329);
const dataDir = resolve(ROOT, process.env.DIEMCAU_DATA_DIR ?? ".data");
const skipBuild = process.argv.includes("--skip-build");
const log = (msg: string) => console.log(`\x1b[1;36m[diemcau]\x1b[0m ${msg}`);

const services: SupervisedService[] = [];
let stopEmbedded: (() => Promise<void>) | undefined;
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  log("Đang dừng... / stopping");
  await Promise.all(services.map((s) => s.stop()));
  await stopEmbedded?.();
  process.exit(code);
}

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      last = await res.text();
      if (res.ok) return;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Hệ thống không sẵn sàng sau ${timeoutMs / 1000} s: ${last}`);
}

async function main() {
  await assertPortFree(webPort, "web");
  await assertPortFree(mediaPort, "media-server");

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    await checkDatabase(databaseUrl);
    log(`PostgreSQL: ${new URL(databaseUrl).host}`);
  } else {
    await assertPortFree(embeddedPort, "embedded PostgreSQL");
    const { startEmbeddedPostgres } = await import("@diemcau/db/embedded");
    const embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, "pglite"), port: embeddedPort });
    stopEmbedded = () => embedded.stop();
    databaseUrl = embedded.url;
    log(`PostgreSQL nhúng (PGlite, ${join(dataDir, "pglite")}) tại ${databaseUrl}`);
  }

  const secrets = loadOrCreateSecrets(join(dataDir, "secrets.json"), ["AUTH_SECRET", "MEDIA_SECRET"]);
  const webUrl = `http://localhost:${webPort}`;
  const mediaUrl = `http://localhost:${mediaPort}`;
  const env = {
    ...process.env,
    ...secrets,
    DATABASE_URL: databaseUrl,
    STORAGE_DIR: process.env.STORAGE_DIR ?? join(dataDir, "media"),
    MEDIA_SERVER_URL: mediaUrl,
    WEB_URL: webUrl,
  };

  const pending = await pendingMigrations(databaseUrl);
  if (pending.length > 0) {
    log(`Áp dụng ${pending.length} migration / applying migrations: ${pending.join(", ")}`);
    await runStep("prisma migrate deploy", join(BIN, "prisma"), ["migrate", "deploy"], { cwd: join(ROOT, "packages/db"), env });
  }
  await runStep("seed", join(BIN, "tsx"), ["src/seed-cli.ts", "--if-empty"], { cwd: join(ROOT, "packages/db"), env });
  // Demo mode only (not in production, not with DIEMCAU_DEMO=0): short lessons made on this machine, once.
  await runStep("demo lessons", join(BIN, "tsx"), ["src/demo/demo-lessons-cli.ts"], { cwd: join(ROOT, "apps/worker"), env });
  if (!skipBuild) {
    await runStep("build web", join(BIN, "turbo"), ["run", "build", "--filter=@diemcau/web", "--output-logs=errors-only"], {
      cwd: ROOT,
      env,
    });
  }

  const onGiveUp = () => void shutdown(1);
  services.push(
    new SupervisedService({
      name: "media",
      command: join(BIN, "tsx"),
      args: ["src/main.ts"],
      cwd: join(ROOT, "media-server"),
      // Listens on 127.0.0.1 unless LISTEN_IP/ANNOUNCED_IP say otherwise (see README).
      env: { ...env, PORT: String(mediaPort), WEB_INTERNAL_URL: webUrl },
      colorIndex: 0,
      onGiveUp,
    }),
    new SupervisedService({
      name: "worker",
      command: join(BIN, "tsx"),
      args: ["src/main.ts"],
      cwd: join(ROOT, "apps/worker"),
      env,
      colorIndex: 1,
      onGiveUp,
    }),
    new SupervisedService({
      name: "web",
      command: join(BIN, "next"),
      args: ["start", "-p", String(webPort)],
      cwd: join(ROOT, "apps/web"),
      env: { ...env, NODE_ENV: "production", NEXTAUTH_URL: webUrl },
      colorIndex: 2,
      onGiveUp,
    }),
  );

  await waitForHealth(`${webUrl}/api/health`, 120_000);
  const { DEMO_ACCOUNTS } = await import("@diemcau/db/seed");
  log("");
  log(`Điểm Cầu đang chạy tại / running at \x1b[1m${webUrl}\x1b[0m`);
  log("Tài khoản thử / demo accounts:");
  for (const a of DEMO_ACCOUNTS) log(`  ${a.role.padEnd(12)} ${a.email.padEnd(28)} ${a.password}   ${a.name}`);
  log("Nhấn Ctrl-C để dừng / press Ctrl-C to stop.");
}

process.once("SIGINT", () => void shutdown(0));
process.once("SIGTERM", () => void shutdown(0));
main().catch((err: unknown) => {
  console.error(`\x1b[1;31m[diemcau]\x1b[0m ${(err as Error).message ?? err}`);
  void shutdown(1);
});

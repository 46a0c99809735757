/**
 * Runs the whole suite: PostgreSQL (DATABASE_URL, or an embedded PGlite under .data/ when it is
 * unset), migrations and the demo seed, then web + media-server + worker, supervised together.
 * Ctrl-C stops every process it started. Used by `npm start` and by the end-to-end tests.
 *   --skip-build   do not (re)build the web app (the caller built it)
 * Environment: WEB_PORT (3000), MEDIA_SERVER_PORT (3001), EMBEDDED_DB_PORT (54329), DATABASE_URL,
 * DIEMCAU_DATA_DIR (.data: the embedded database and the generated secrets), PUBLIC_URL (the address
 * users open, e.g. https://hop.sgddt.example.vn behind a reverse proxy; default http://localhost:WEB_PORT),
 * NODE_ENV=production or DIEMCAU_DEMO=0 (no demo accounts; a one-time link creates the first administrator).
 */
import { join, resolve } from "node:path";
import { checkDatabase, createPrismaClient, FIRST_ADMIN_PATH, isDemoMode, issueFirstAdminTokenIfNeeded } from "@diemcau/db";
import { pendingMigrations } from "@diemcau/db/migrate";
import { assertPortFree } from "./lib/ports";
import { runStep, SupervisedService, typescriptCommand } from "./lib/processes";
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
  // The address users open (behind a reverse proxy: https://…); links and secure cookies follow it.
  const publicUrl = (process.env.PUBLIC_URL ?? webUrl).replace(/\/$/, "");
  const mediaUrl = `http://localhost:${mediaPort}`;
  const env = {
    ...process.env,
    ...secrets,
    DATABASE_URL: databaseUrl,
    STORAGE_DIR: process.env.STORAGE_DIR ?? join(dataDir, "media"),
    MEDIA_SERVER_URL: mediaUrl,
    WEB_URL: webUrl,
    // The worker writes it into news articles.
    PUBLIC_URL: publicUrl,
  };

  const pending = await pendingMigrations(databaseUrl);
  if (pending.length > 0) {
    log(`Áp dụng ${pending.length} migration / applying migrations: ${pending.join(", ")}`);
    await runStep("prisma migrate deploy", join(BIN, "prisma"), ["migrate", "deploy"], { cwd: join(ROOT, "packages/db"), env });
  }
  const seed = typescriptCommand("src/seed-cli.ts", ["--if-empty"]);
  await runStep("seed", seed.command, seed.args, { cwd: join(ROOT, "packages/db"), env });
  // Demo mode only (not in production, not with DIEMCAU_DEMO=0): short lessons made on this machine, once.
  const demoLessons = typescriptCommand("src/demo/demo-lessons-cli.ts");
  await runStep("demo lessons", demoLessons.command, demoLessons.args, { cwd: join(ROOT, "apps/worker"), env });
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
      ...typescriptCommand("src/main.ts"),
      cwd: join(ROOT, "media-server"),
      // Listens on 127.0.0.1 unless LISTEN_IP/ANNOUNCED_IP say otherwise (see README).
      env: { ...env, PORT: String(mediaPort), WEB_INTERNAL_URL: webUrl },
      colorIndex: 0,
      onGiveUp,
    }),
    new SupervisedService({
      name: "worker",
      ...typescriptCommand("src/main.ts"),
      cwd: join(ROOT, "apps/worker"),
      env,
      colorIndex: 1,
      onGiveUp,
    }),
    new SupervisedService({
      name: "web",
      // Next.js behind a small server that tells it each request's TCP peer (apps/web/server.mts).
      ...typescriptCommand("server.mts"),
      cwd: join(ROOT, "apps/web"),
      env: { ...env, NODE_ENV: "production", PORT: String(webPort), NEXTAUTH_URL: publicUrl, NEXT_TELEMETRY_DISABLED: "1" },
      colorIndex: 2,
      onGiveUp,
    }),
  );

  await waitForHealth(`${webUrl}/api/health`, 120_000);
  log("");
  log(`Điểm Cầu đang chạy tại / running at \x1b[1m${publicUrl}\x1b[0m`);
  if (isDemoMode()) await printDemoAccounts();
  else await printFirstAdminLink(databaseUrl, publicUrl);
  log("Nhấn Ctrl-C để dừng / press Ctrl-C to stop.");
}

async function printDemoAccounts() {
  const { DEMO_ACCOUNTS } = await import("@diemcau/db/seed");
  log("\x1b[1;33mCHẾ ĐỘ DEMO / DEMO MODE\x1b[0m: các tài khoản thử dùng chung một mật khẩu công khai và phải đổi mật khẩu ở lần đăng nhập đầu.");
  log("  Demo accounts share a published password and must choose a new one at first sign-in.");
  log("  Triển khai thật / for a real install: NODE_ENV=production (hoặc/or DIEMCAU_DEMO=0) — không có tài khoản thử / no demo accounts.");
  log("Tài khoản thử / demo accounts:");
  for (const a of DEMO_ACCOUNTS) log(`  ${a.role.padEnd(12)} ${a.email.padEnd(28)} ${a.password}   ${a.name}`);
}

/** A production install without an administrator: a one-time link (24 h) to create the first one. */
async function printFirstAdminLink(databaseUrl: string, publicUrl: string) {
  const db = createPrismaClient(databaseUrl);
  try {
    const token = await issueFirstAdminTokenIfNeeded(db);
    if (!token) return;
    log("Chưa có quản trị viên. Mở liên kết dùng một lần này (hiệu lực 24 giờ) để tạo tài khoản quản trị đầu tiên:");
    log("  No administrator yet. Open this one-time link (valid 24 h) to create the first one:");
    log(`  \x1b[1m${publicUrl}${FIRST_ADMIN_PATH}/${token}\x1b[0m`);
  } finally {
    await db.$disconnect();
  }
}

process.once("SIGINT", () => void shutdown(0));
process.once("SIGTERM", () => void shutdown(0));
main().catch((err: unknown) => {
  console.error(`\x1b[1;31m[diemcau]\x1b[0m ${(err as Error).message ?? err}`);
  void shutdown(1);
});

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { signInFirstTime } from "./fixtures";

const WEB_URL = "http://localhost:3310";
test.use({ baseURL: WEB_URL });

/**
 * The default a new user meets: `npm start` with no DATABASE_URL starts the embedded PostgreSQL,
 * migrates, seeds and serves the whole suite. Runs scripts/start.ts on its own ports beside the
 * stack the other specs use, then stops it with SIGINT as Ctrl-C would.
 */
test("with no DATABASE_URL, start.ts runs the suite on the embedded database", async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), "diemcau-embedded-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DIEMCAU_DATA_DIR: dataDir,
    WEB_PORT: "3310",
    MEDIA_SERVER_PORT: "3311",
    EMBEDDED_DB_PORT: "54349",
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--skip-build"], { env });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    await expect.poll(() => output, { timeout: 200_000, intervals: [1000] }).toContain(`Điểm Cầu đang chạy tại / running at \x1b[1m${WEB_URL}`);
    expect(output).toContain("PostgreSQL nhúng");

    const health = await page.request.get(`${WEB_URL}/api/health`);
    expect(health.status()).toBe(200);
    // Up or down to anyone; which part is down only for staff or a probe with HEALTH_SECRET.
    expect(await health.json()).toEqual({ ok: true });

    await signInFirstTime(page, "staff");
  } finally {
    child.kill("SIGINT");
    const code = await exited;
    rmSync(dataDir, { recursive: true, force: true });
    expect(code, output.slice(-2000)).toBe(0);
  }
});

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/chromium";

const webPort = Number(process.env.E2E_WEB_PORT ?? 3100);
const mediaPort = Number(process.env.E2E_MEDIA_SERVER_PORT ?? 3101);
export const e2eBaseUrl = `http://localhost:${webPort}`;
// The news portal spec: a page on another local origin that may frame the embed player, and a
// WordPress it starts, which the stack publishes to with a fixed application password.
process.env.E2E_PORTAL_PORT ??= "3103";
process.env.E2E_WORDPRESS_PORT ??= "3104";
process.env.E2E_WORDPRESS_APP_PASSWORD ??= "DiemCauE2eWordPress2026";
const wordpressUrl = `http://127.0.0.1:${process.env.E2E_WORDPRESS_PORT}`;
// The stack's media files (STORAGE_DIR) in a fresh folder that recording specs read as
// E2E_STORAGE_DIR to ffprobe what was written. Set once in the runner; workers inherit it.
process.env.E2E_STORAGE_DIR ??= mkdtempSync(join(tmpdir(), "diemcau-e2e-media-"));
// A throwaway CA and department certificate (made by the test PKI of packages/signing) so the
// stack signs materials as a configured department's would; never a real certificate.
process.env.E2E_PKI_DIR ??= mkdtempSync(join(tmpdir(), "diemcau-e2e-pki-"));
const pki = process.env.E2E_PKI_DIR;
if (!existsSync(join(pki, "department.pem"))) execFileSync("node_modules/.bin/tsx", ["packages/signing/src/testing/make-test-pki-cli.ts", pki]);
// Every attempt of the stack's Node processes to reach another machine is logged here
// (e2e/outbound/node-preload.mjs) and must stay empty (e2e/no-outbound.spec.ts).
process.env.E2E_OUTBOUND_LOG ??= join(mkdtempSync(join(tmpdir(), "diemcau-e2e-outbound-")), "node.jsonl");

/**
 * End-to-end specs run the whole stack (scripts/start.ts against DATABASE_URL, which npm test
 * points at a fresh database) in Debian's Chromium with a fake camera and microphone.
 */
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  projects: [
    // Every demo account's first sign-in (a forced password change) before the specs that sign in.
    { name: "setup", testMatch: /\.setup\.ts$/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /\.setup\.ts$/ },
  ],
  use: {
    baseURL: e2eBaseUrl,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: "node --import tsx scripts/start.ts --skip-build",
    url: `${e2eBaseUrl}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      WEB_PORT: String(webPort),
      MEDIA_SERVER_PORT: String(mediaPort),
      EMBEDDED_DB_PORT: "54339",
      STORAGE_DIR: process.env.E2E_STORAGE_DIR,
      DIEMCAU_OUTBOUND_LOG: process.env.E2E_OUTBOUND_LOG,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${resolve("e2e/outbound/node-preload.mjs")}`.trim(),
      // recording-crash.spec.ts waits for the sweep to finalize a cut-off recording: seconds, not minutes.
      RECORDING_STALE_SECONDS: "10",
      RECORDING_SWEEP_INTERVAL_SECONDS: "5",
      SIGNING_CERT_FILE: join(pki, "department.pem"),
      SIGNING_KEY_FILE: join(pki, "department.key"),
      SIGNING_CA_FILE: join(pki, "ca.pem"),
      EMBED_ALLOWED_ORIGINS: `http://127.0.0.1:${process.env.E2E_PORTAL_PORT} ${wordpressUrl}`,
      NEWS_WORDPRESS_URL: wordpressUrl,
      NEWS_WORDPRESS_USER: "admin",
      NEWS_WORDPRESS_APP_PASSWORD: process.env.E2E_WORDPRESS_APP_PASSWORD,
      // documents.spec.ts checks that basis lines link here (never followed).
      DOCUMENT_URL_TEMPLATE: "http://vanban.invalid/van-ban?so={number}",
    },
  },
});

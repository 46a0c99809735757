import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ZMediaServerHealthSchema } from "@diemcau/protocol";
import { PortInUseError } from "./errors";
import { startMediaServer, type TMediaServer } from "./server";
import { testConfig } from "./test-config";

const mainTs = fileURLToPath(new URL("./main.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [mainTs], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("media-server HTTP", () => {
  let server: TMediaServer | undefined;
  let blocker: Server | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
    await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
    blocker = undefined;
  });

  it("answers GET /health with workers and rooms", async () => {
    server = await startMediaServer(testConfig(), { port: 0, log: () => {} });
    const response = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(response.status).toBe(200);
    expect(ZMediaServerHealthSchema.parse(await response.json())).toEqual({ ok: true, workers: 1, rooms: 0, pid: process.pid });
    expect((await fetch(`http://127.0.0.1:${server.port}/nope`)).status).toBe(404);
  });

  it("rejects a port in use with a one-line Vietnamese message", async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, resolve));
    const port = (blocker.address() as AddressInfo).port;
    await expect(startMediaServer(testConfig(), { port, log: () => {} })).rejects.toThrow(PortInUseError);

    const { code, stderr } = await runMain({ PORT: String(port), MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN!, NUM_WORKERS: "1" });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Cổng ${port} đang được dùng bởi một tiến trình khác (EADDRINUSE). Đặt PORT khác hoặc dừng tiến trình đó.`,
    );
  });

  it("stops with a message naming a missing or bad variable", async () => {
    const missing = await runMain({});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("media-server: invalid configuration");
    expect(missing.stderr).toContain("MEDIASOUP_WORKER_BIN");
    expect(missing.stderr).not.toContain("    at ");

    const notExecutable = join(mkdtempSync(join(tmpdir(), "ms-")), "mediasoup-worker");
    writeFileSync(notExecutable, "", { mode: 0o644 });
    const bad = await runMain({ MEDIASOUP_WORKER_BIN: notExecutable, PORT: "70000" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("MEDIASOUP_WORKER_BIN: không phải là một tệp chạy được");
    expect(bad.stderr).toContain("PORT");
  });
});

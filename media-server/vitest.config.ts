import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// mediasoup reads MEDIASOUP_WORKER_BIN when it is imported, so it must be in the test env.
// The build script returns its cached binary at once (it builds only on a fresh machine).
const workerBin =
  process.env.MEDIASOUP_WORKER_BIN ||
  execFileSync("bash", [fileURLToPath(new URL("../scripts/build-mediasoup-worker.sh", import.meta.url))], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split("\n")
    .pop()!;

export default defineConfig({
  test: {
    env: { MEDIASOUP_WORKER_BIN: workerBin },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

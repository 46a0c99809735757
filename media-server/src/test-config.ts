import { loadConfig, type TMediaServerConfig } from "./config";

/** A laptop config for tests: one worker, ephemeral HTTP port chosen by the test. */
export function testConfig(overrides: Partial<TMediaServerConfig> = {}): TMediaServerConfig {
  return { ...loadConfig({ MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN, NUM_WORKERS: "1" }), ...overrides };
}

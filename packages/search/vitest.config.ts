import { defineConfig } from "vitest/config";

// Each suite runs on PostgreSQL and on the embedded PGlite; migrating PGlite takes a while.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 240_000 } });

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Migrations through Prisma's WebAssembly schema engine take several seconds each, more on PGlite.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: { include: ["lib/**/*.test.ts", "app/**/*.test.ts", "i18n/**/*.test.ts"], testTimeout: 20_000, hookTimeout: 60_000 },
});

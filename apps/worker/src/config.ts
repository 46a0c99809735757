import { parseEnv } from "@diemcau/protocol";
import { DEFAULT_DATABASE_URL } from "@diemcau/db";
import { z } from "zod";

const ZWorkerConfigSchema = z.object({
  DATABASE_URL: z.url().default(DEFAULT_DATABASE_URL),
  HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(1000).default(10_000),
});
export type TWorkerConfig = z.infer<typeof ZWorkerConfigSchema>;

export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): TWorkerConfig {
  return parseEnv("worker", ZWorkerConfigSchema, env);
}

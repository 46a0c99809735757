import { parseEnv } from "@diemcau/protocol";
import { storageEnvShape } from "@diemcau/storage";
import { z } from "zod";

const ZWebConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  AUTH_SECRET: z
    .string({ error: "is required (the next-auth secret; `npm start` generates one)" })
    .min(32, "must be at least 32 characters"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }).optional(),
  MEDIA_SERVER_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3001"),
  NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Signs meeting join tokens; must equal media-server's. Optional outside production (lib/meetings/media-secret.ts). */
  MEDIA_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** STORAGE_DIR and S3_*: the same names in every process (packages/storage). */
  ...storageEnvShape,
  /** Join tokens one person (or, for a guest without an id yet, one address) may get per minute. */
  JOIN_TOKENS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Largest video a teacher may upload as a material (default 2 GiB). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
});
export type TWebConfig = z.infer<typeof ZWebConfigSchema>;

let cached: TWebConfig | undefined;

/**
 * The web process's configuration. Read lazily (not at import) because `next build` imports
 * every route module without the runtime environment.
 */
export function getConfig(): TWebConfig {
  cached ??= parseEnv("web", ZWebConfigSchema);
  return cached;
}

import { parseEnv } from "@diemcau/protocol";
import { newsEnvShape, refineNewsEnv } from "@diemcau/connectors/news";
import { storageEnvShape } from "@diemcau/storage";
import { z } from "zod";
import { parseAllowedOrigins } from "./security/frame-policy";

const ZWebConfigSchema = z
  .object({
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
    /** Largest video a teacher may upload as a material (default 2 GiB). */
    UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
    /** The news portal origins that may frame the embed player (/nhung/<id>), separated by commas. */
    EMBED_ALLOWED_ORIGINS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        try {
          return parseAllowedOrigins(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** NEWS_WORDPRESS_* and NEWS_FEED_URL: the same names in the worker (packages/connectors). */
    ...newsEnvShape,
  })
  .superRefine(refineNewsEnv);
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

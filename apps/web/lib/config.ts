import { documentsEnvShape } from "@diemcau/connectors/documents";
import { newsEnvShape, refineNewsEnv } from "@diemcau/connectors/news";
import { parseEnv } from "@diemcau/protocol";
import { signingEnvShape } from "@diemcau/signing";
import { storageEnvShape } from "@diemcau/storage";
import { z } from "zod";
import { parseTrustedProxies } from "./security/client-address";
import { parseAllowedOrigins } from "./security/frame-policy";

const ZWebConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  AUTH_SECRET: z
    .string({ error: "is required (the next-auth secret; `npm start` generates one)" })
    .min(32, "must be at least 32 characters"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }).optional(),
  MEDIA_SERVER_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3001"),
  /**
   * With several media-server nodes: the Redis they register in. Each join token then names the node
   * its holder must use (lib/meetings/place-media-node.ts), and MEDIA_SERVER_URL is not handed out.
   */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** The nodes' public URLs (NODE_PUBLIC_URL of each), comma-separated: pages may connect to them (CSP). */
  MEDIA_NODE_URLS: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Signs meeting join tokens; must equal media-server's. Optional outside production (lib/meetings/media-secret.ts). */
  MEDIA_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** STORAGE_DIR and S3_*: the same names in every process (packages/storage). */
  ...storageEnvShape,
  /** Join tokens one person (or, for a guest without an id yet, one address) may get per minute. */
  JOIN_TOKENS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** SIGNING_CA_FILE (the CAs trusted to sign materials) and OPENSSL_PATH, for the verify page; the worker signs. */
  SIGNING_CA_FILE: signingEnvShape.SIGNING_CA_FILE,
  OPENSSL_PATH: signingEnvShape.OPENSSL_PATH,
  /**
   * Reverse proxies (addresses or CIDR blocks, comma-separated) whose X-Forwarded-For is believed
   * for rate limits. Unset: every request's TCP peer is the client.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .refine((value) => {
      try {
        parseTrustedProxies(value);
        return true;
      } catch {
        return false;
      }
    }, "must be IP addresses or CIDR blocks, comma-separated"),
  /** Lets a monitoring probe read /api/health's details (header x-health-secret); staff see them signed in. */
  HEALTH_SECRET: z.string().min(16).optional(),
  /** Largest video a teacher may upload as a material (default 2 GiB). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  /** What one person's uploaded videos may take in all (default 20 GiB). */
  UPLOAD_QUOTA_BYTES: z.coerce.number().int().positive().default(20 * 1024 ** 3),
  /** Free disk space an upload must leave for recordings and their finalizing (default 5 GiB). */
  UPLOAD_DISK_RESERVE_BYTES: z.coerce.number().int().nonnegative().default(5 * 1024 ** 3),
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
  /** DOCUMENT_URL_TEMPLATE and DOCUMENT_SYSTEM_*: the documents connector (packages/connectors). */
  ...documentsEnvShape,
}).superRefine(refineNewsEnv);
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

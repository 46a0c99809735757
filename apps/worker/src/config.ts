import { existsSync } from "node:fs";
import { parseEnv } from "@diemcau/protocol";
import { DEFAULT_DATABASE_URL } from "@diemcau/db";
import { checkSigningEnv, signingEnvShape } from "@diemcau/signing";
import { newsEnvShape, refineNewsEnv } from "@diemcau/connectors/news";
import { storageEnvShape } from "@diemcau/storage";
import { z } from "zod";

/** Must equal media-server's DEV_MEDIA_SECRET: the laptop default when MEDIA_SECRET is not set. */
const DEV_MEDIA_SECRET = "diemcau-dev-media-secret-change-me-in-production";

const ZWorkerConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url().default(DEFAULT_DATABASE_URL),
    HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(1000).default(10_000),
    /** A recording with no new segment for this long, and not reported active by media-server, was cut off. */
    RECORDING_STALE_SECONDS: z.coerce.number().int().min(1).default(60),
    /** How often the sweep runs; below 60 a timer sends it, as pg-boss cron runs at most once a minute. */
    RECORDING_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(60).default(60),
    /** Asked by the sweep which recordings are being written (GET /recordings/active). */
    MEDIA_SERVER_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3001"),
    MEDIA_SECRET: z.string().min(32, "cần ít nhất 32 ký tự").optional(),
    /**
     * A whisper.cpp ggml model file (e.g. a multilingual ggml-base.bin or a Vietnamese fine-tune).
     * Unset: no automatic transcripts (materials say so, and captions can be uploaded).
     */
    WHISPER_MODEL: z.string().min(1).optional(),
    /** The spoken language the engine listens for (ISO 639-1). */
    WHISPER_LANGUAGE: z.string().regex(/^[a-z]{2,3}$/).default("vi"),
    /** CPU threads whisper.cpp uses for one transcription. */
    WHISPER_THREADS: z.coerce.number().int().min(1).max(64).default(2),
    /** The longest a model load or one 30-second chunk may take before the job fails (the engine may hang). */
    WHISPER_TIMEOUT_SECONDS: z.coerce.number().int().min(10).default(600),
    /** STORAGE_DIR and S3_*: the same names in every process (packages/storage). */
    ...storageEnvShape,
    /**
     * SIGNING_*: the department's certificate and key (PEM or PKCS#12) that sign every material's
     * manifest, and the CAs verifiers trust; without a certificate materials stay unsigned.
     */
    ...signingEnvShape,
    /** The department's own SMTP server for schedule e-mails (smtp:// or smtps://, user:password@ if it asks); unset: none are sent. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** Sender of those e-mails, e.g. "Điểm Cầu <diemcau@sgddt.quangtri.gov.vn>". */
    MAIL_FROM: z.string().min(3).optional(),
    /** How long before each lesson or conference its people get a reminder e-mail (with SMTP_URL); 0: no reminders. */
    REMINDER_MINUTES_BEFORE: z.coerce.number().int().min(0).max(7 * 24 * 60).default(30),
    /** The address users open (as in web): the material links in news articles (npm start passes it on). */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
    /** NEWS_WORDPRESS_* and NEWS_FEED_URL: the same names in web (packages/connectors). */
    ...newsEnvShape,
    /** When the portal's feed is polled for related articles (cron; pg-boss runs it at most once a minute). */
    NEWS_FEED_POLL_CRON: z.string().min(9).default("*/10 * * * *"),
  })
  .superRefine((env, ctx) => {
    checkSigningEnv(env, ctx);
    if (env.SMTP_URL && !env.MAIL_FROM) ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "cần địa chỉ người gửi khi có SMTP_URL" });
    if (env.WHISPER_MODEL && !existsSync(env.WHISPER_MODEL))
      ctx.addIssue({ code: "custom", path: ["WHISPER_MODEL"], message: "không tìm thấy tệp mô hình" });
    if (env.NODE_ENV === "production" && !env.MEDIA_SECRET)
      ctx.addIssue({ code: "custom", path: ["MEDIA_SECRET"], message: "bắt buộc khi NODE_ENV=production" });
    if (env.S3_BUCKET && !(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY))
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "cần S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY" });
    refineNewsEnv(env, ctx);
  });
export type TWorkerConfig = z.infer<typeof ZWorkerConfigSchema>;

export function mediaSecretOf(config: TWorkerConfig): string {
  return config.MEDIA_SECRET ?? DEV_MEDIA_SECRET;
}

export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): TWorkerConfig {
  return parseEnv("worker", ZWorkerConfigSchema, env);
}

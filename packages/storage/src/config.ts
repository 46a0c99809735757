import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { LocalDiskStorage } from "./LocalDiskStorage";
import { S3Storage } from "./S3Storage";
import type { Storage } from "./storage";

/**
 * The storage variables every process's config.ts spreads into its own schema, so web, worker
 * and media-server read the same names: STORAGE_DIR, and S3_* to put final media in a bucket.
 */
export const storageEnvShape = {
  STORAGE_DIR: z.string().min(1).optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_KEY_PREFIX: z.string().optional(),
};
export const ZStorageEnvSchema = z.object(storageEnvShape).refine(
  (env) => !env.S3_BUCKET || (env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY),
  { message: "S3_BUCKET cần S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY", path: ["S3_BUCKET"] },
);
export type TStorageEnv = z.infer<typeof ZStorageEnvSchema>;

export type StorageSetup = {
  /** Always local: live segments and work files of the finalizer. */
  local: LocalDiskStorage;
  /** Where final media goes and is served from: the bucket when S3 is configured, else `local`. */
  media: Storage;
};

export function createStorage(env: TStorageEnv): StorageSetup {
  const local = new LocalDiskStorage(env.STORAGE_DIR ? resolve(env.STORAGE_DIR) : defaultStorageDir());
  if (!env.S3_BUCKET || !env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) return { local, media: local };
  const media = new S3Storage({
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    keyPrefix: env.S3_KEY_PREFIX,
  });
  return { local, media };
}

/**
 * <repo>/.data/media, found from the working directory (npm runs each workspace's scripts in its
 * own folder, so every process finds the same root). Falls back to ./.data/media outside the repo.
 */
export function defaultStorageDir(from: string = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && isWorkspaceRoot(manifest)) return join(dir, ".data", "media");
    if (dirname(dir) === dir) return resolve(from, ".data", "media");
  }
}

function isWorkspaceRoot(manifest: string): boolean {
  try {
    return Array.isArray((JSON.parse(readFileSync(manifest, "utf8")) as { workspaces?: unknown }).workspaces);
  } catch {
    return false;
  }
}

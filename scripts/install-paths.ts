import { join, resolve } from "node:path";
import type { TInstall } from "./lib/backup";

const ROOT = resolve(import.meta.dirname, "..");

/** This install as `npm start` runs it (the same variables and defaults, see README "Configuration"). */
export function currentInstall(env: NodeJS.ProcessEnv = process.env): TInstall {
  const dataDir = resolve(ROOT, env.DIEMCAU_DATA_DIR ?? ".data");
  return {
    database: env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "embedded", dataDir: join(dataDir, "pglite") },
    storageDir: resolve(ROOT, env.STORAGE_DIR ?? join(dataDir, "media")),
    secretsFile: join(dataDir, "secrets.json"),
  };
}

export const DEFAULT_BACKUP_DIR = join(ROOT, "backups");

import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { dumpDatabase, restoreDatabase, type TDatabaseLocation } from "@diemcau/db/backup";

/** What a backup folder holds, written last: a folder without it is not a finished backup. */
export type TBackupManifest = {
  format: 1;
  createdAt: string;
  database: TDatabaseLocation["kind"];
  databaseFile: string;
  hasMedia: boolean;
  hasSecrets: boolean;
};

const MANIFEST = "manifest.json";

export type TInstall = {
  database: TDatabaseLocation;
  /** STORAGE_DIR: recordings, renditions, uploads (local disk). */
  storageDir: string;
  /** The generated AUTH_SECRET and MEDIA_SECRET of a laptop install, if any. */
  secretsFile: string;
};

/** "diemcau-2026-12-02T143000": sorts by time, safe in any file system. */
export function backupFolderName(now = new Date()): string {
  return `diemcau-${now.toISOString().slice(0, 19).replace(/:/g, "")}`;
}

/** The database, the media files and the secrets of an install into one new dated folder. */
export async function backup(install: TInstall, parentDir: string, now = new Date()): Promise<string> {
  const folder = join(parentDir, backupFolderName(now));
  await mkdir(parentDir, { recursive: true });
  // Never into an existing folder: one backup is never mixed with another.
  await mkdir(folder);
  const databaseFile = install.database.kind === "postgres" ? "database.dump" : "database.tar.gz";
  await dumpDatabase(install.database, join(folder, databaseFile));
  const hasMedia = existsSync(install.storageDir);
  // A real copy, not hard links: live playlists are appended in place while a meeting records.
  if (hasMedia) await cp(install.storageDir, join(folder, "media"), { recursive: true, preserveTimestamps: true });
  const hasSecrets = existsSync(install.secretsFile);
  if (hasSecrets) await cp(install.secretsFile, join(folder, "secrets.json"), { mode: 0o600 });
  const manifest: TBackupManifest = { format: 1, createdAt: now.toISOString(), database: install.database.kind, databaseFile, hasMedia, hasSecrets };
  await writeFile(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return folder;
}

export async function readManifest(folder: string): Promise<TBackupManifest> {
  const raw = await readFile(join(folder, MANIFEST), "utf8").catch(() => {
    throw new Error(`${folder} không phải một bản sao lưu hoàn chỉnh (thiếu ${MANIFEST}). / is not a finished backup.`);
  });
  return JSON.parse(raw) as TBackupManifest;
}

/**
 * Brings a backup back into an install whose media folder is empty or missing (a fresh machine, or
 * one whose folder was moved away): the database (into DATABASE_URL, or as the embedded data
 * directory), the media files and the secrets.
 */
export async function restore(folder: string, install: TInstall): Promise<TBackupManifest> {
  const manifest = await readManifest(folder);
  if (manifest.database !== install.database.kind) {
    throw new Error(
      `Bản sao lưu là của cơ sở dữ liệu ${manifest.database}, nơi khôi phục là ${install.database.kind}. / ` +
        "The backup and the target are different kinds of database.",
    );
  }
  if (existsSync(install.storageDir) && (await readdir(install.storageDir)).length > 0) {
    throw new Error(`${install.storageDir} đã có tệp; hãy chuyển nó đi trước khi khôi phục. / is not empty: move it away first.`);
  }
  await restoreDatabase(install.database, join(folder, manifest.databaseFile));
  if (manifest.hasMedia) await cp(join(folder, "media"), install.storageDir, { recursive: true, preserveTimestamps: true });
  if (manifest.hasSecrets) await cp(join(folder, "secrets.json"), install.secretsFile, { mode: 0o600 });
  return manifest;
}

import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

const run = promisify(execFile);

/** Where the database lives: a PostgreSQL server, or the embedded PGlite's data directory. */
export type TDatabaseLocation = { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** Embedded PostgreSQL keeps one writer: its data directory must not be in use (npm start stopped). */
function assertEmbeddedStopped(dataDir: string): void {
  const lock = `${resolve(dataDir)}.lock`;
  if (existsSync(lock)) {
    throw new BackupError(
      `Cơ sở dữ liệu nhúng đang chạy (${lock}). Hãy dừng npm start rồi sao lưu hoặc khôi phục. / ` +
        "The embedded database is running: stop npm start first (a PostgreSQL server is backed up while running).",
    );
  }
}

/**
 * Writes the whole database to `file`: pg_dump's custom format for a PostgreSQL server (online,
 * consistent), or PGlite's own data-directory archive for the embedded database.
 */
export async function dumpDatabase(location: TDatabaseLocation, file: string): Promise<void> {
  if (location.kind === "postgres") {
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, location.url], { maxBuffer: 64 * 1024 * 1024 });
    return;
  }
  assertEmbeddedStopped(location.dataDir);
  const db = await PGlite.create({ dataDir: resolve(location.dataDir), extensions: { unaccent, pg_trgm } });
  try {
    const archive = await db.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
  } finally {
    await db.close();
  }
}

/**
 * Puts a dump back: into an empty (or, with --clean, an older) PostgreSQL database, or as the
 * embedded database's data directory, which must not exist yet.
 */
export async function restoreDatabase(location: TDatabaseLocation, file: string): Promise<void> {
  if (location.kind === "postgres") {
    await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${location.url}`, file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return;
  }
  assertEmbeddedStopped(location.dataDir);
  if (existsSync(location.dataDir)) {
    throw new BackupError(`${location.dataDir} đã tồn tại; hãy chuyển nó đi trước khi khôi phục. / already exists: move it away first.`);
  }
  const archive = new Blob([readFileSync(file)]);
  const db = await PGlite.create({ dataDir: resolve(location.dataDir), loadDataDir: archive, extensions: { unaccent, pg_trgm } });
  await db.close();
}

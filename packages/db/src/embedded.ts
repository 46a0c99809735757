import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { PGliteWireServer } from "./pglite-wire-server";

export type EmbeddedPostgres = {
  /** postgresql:// URL any Postgres client (pg, Prisma, psql) can connect to. */
  url: string;
  port: number;
  stop(): Promise<void>;
};

export type EmbeddedPostgresOptions = {
  /** Persistent PGDATA directory, created when missing (e.g. `<repo>/.data/pglite`). */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
};

export class EmbeddedPostgresError extends Error {
  constructor(
    readonly code: "DB_PORT_IN_USE" | "DB_DATA_DIR_IN_USE",
    message: string,
  ) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

/**
 * Starts PGlite (Postgres 17 in WebAssembly) on `dataDir` and serves it over the Postgres wire
 * protocol, so every process connects with an ordinary URL. `unaccent` and `pg_trgm` are
 * available for CREATE EXTENSION.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  host = "127.0.0.1",
}: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dir = resolve(dataDir);
  mkdirSync(dirname(dir), { recursive: true });
  const unlock = lockDataDir(dir);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create({ dataDir: dir, extensions: { unaccent, pg_trgm } });
    const server = new PGliteWireServer(db, (error) => console.error("[embedded-postgres]", error));
    const boundPort = await server.listen(port, host).catch((error: NodeJS.ErrnoException) => {
      throw error.code === "EADDRINUSE"
        ? new EmbeddedPostgresError(
            "DB_PORT_IN_USE",
            `Cổng ${port} đang được dùng bởi chương trình khác; không khởi động được PostgreSQL nhúng. ` +
              `Port ${port} is already in use; the embedded PostgreSQL cannot start.`,
          )
        : error;
    });
    const started = db;
    return {
      url: `postgresql://postgres@${host}:${boundPort}/postgres`,
      port: boundPort,
      async stop() {
        await server.close();
        await started.close();
        unlock();
      },
    };
  } catch (error) {
    await db?.close();
    unlock();
    throw error;
  }
}

// Two PGlite instances writing one directory corrupt it, and PGlite itself does not check.
function lockDataDir(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  try {
    writeFileSync(lockFile, String(process.pid), { flag: "wx" });
  } catch {
    const holder = Number(readFileSync(lockFile, "utf8"));
    if (isRunning(holder)) {
      throw new EmbeddedPostgresError(
        "DB_DATA_DIR_IN_USE",
        `Thư mục dữ liệu ${dir} đang được tiến trình ${holder} sử dụng. ` +
          `The data directory ${dir} is in use by process ${holder}.`,
      );
    }
    writeFileSync(lockFile, String(process.pid)); // left behind by a process that died
  }
  return () => rmSync(lockFile, { force: true });
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

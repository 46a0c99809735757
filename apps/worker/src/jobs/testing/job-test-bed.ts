import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type Db } from "@diemcau/db";
import { createTestDatabase } from "@diemcau/db/test-database";
import { LocalDiskStorage } from "@diemcau/storage";
import { afterAll, beforeAll } from "vitest";

export type JobTestBed = {
  db: Db;
  databaseUrl: string;
  /** The media folder on local disk. */
  root: string;
  local: LocalDiskStorage;
  /** What the finalize, transcode, trim and index jobs read: the database and local disk as media storage. */
  files: () => { db: Db; local: LocalDiskStorage; media: LocalDiskStorage; databaseUrl: string };
};

/**
 * For the describe block that calls it: a fresh test database with a Prisma client, and an empty
 * media folder on local disk, made before its tests and removed after them.
 */
export function useJobTestBed(folderPrefix: string): JobTestBed {
  let drop: () => Promise<void> = async () => undefined;
  const bed = {
    files: () => ({ db: bed.db, local: bed.local, media: bed.local, databaseUrl: bed.databaseUrl }),
  } as JobTestBed;
  beforeAll(async () => {
    const testDb = await createTestDatabase();
    drop = () => testDb.drop();
    bed.databaseUrl = testDb.url;
    bed.db = createPrismaClient(testDb.url);
    bed.root = await mkdtemp(join(tmpdir(), folderPrefix));
    bed.local = new LocalDiskStorage(bed.root);
  });
  afterAll(async () => {
    await bed.db?.$disconnect();
    await drop();
    if (bed.root) await rm(bed.root, { recursive: true, force: true });
  });
  return bed;
}

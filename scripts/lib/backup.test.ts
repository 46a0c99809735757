import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPrismaClient, seedDemo } from "@diemcau/db";
import { verifyPassword } from "@diemcau/db/password";
import { createTestDatabase, dropTestDatabase } from "@diemcau/db/test-database";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backup, restore, type TInstall } from "./backup";

const SERVER = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** An empty database, as on a fresh machine before the first `npm start`. */
async function emptyDatabase(): Promise<string> {
  const name = `diemcau_test_restore_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

describe("backup and restore (real pg_dump, pg_restore, PGlite and ffmpeg)", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "diemcau-backup-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("restores a PostgreSQL install into a fresh one, where the material still plays and the accounts still sign in", async () => {
    const source = await createTestDatabase(SERVER);
    const fresh = await emptyDatabase();
    try {
      const db = createPrismaClient(source.url);
      await seedDemo(db);
      const teacher = await db.user.findUniqueOrThrow({ where: { email: "gv.lan@diemcau.local" } });
      const recording = await db.recording.create({ data: { status: "READY", storagePrefix: "recordings/rec-backup" } });
      const material = await db.material.create({ data: { title: "Bài giảng được sao lưu", ownerId: teacher.id, recordingId: recording.id, published: true } });
      await db.$disconnect();
      const install: TInstall = { database: { kind: "postgres", url: source.url }, storageDir: join(root, "media-a"), secretsFile: join(root, "a-secrets.json") };
      const rendition = join(install.storageDir, "recordings/rec-backup/hls/source");
      await mkdir(rendition, { recursive: true });
      // prettier-ignore
      execFileSync("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=10:duration=4", "-c:v", "libx264", "-preset", "ultrafast",
        "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", join(rendition, "index.m3u8")]);

      const folder = await backup(install, join(root, "backups"));

      const target: TInstall = { database: { kind: "postgres", url: fresh }, storageDir: join(root, "media-b"), secretsFile: join(root, "b-secrets.json") };
      expect(await restore(folder, target)).toMatchObject({ database: "postgres", hasMedia: true });
      const restored = createPrismaClient(fresh);
      try {
        const row = await restored.material.findUniqueOrThrow({ where: { id: material.id }, include: { recording: true } });
        expect(row).toMatchObject({ title: "Bài giảng được sao lưu", recording: { storagePrefix: "recordings/rec-backup" } });
        // The recording's files are where the material points, and decode.
        execFileSync("ffmpeg", ["-v", "error", "-xerror", "-i", join(target.storageDir, row.recording!.storagePrefix!, "hls/source/index.m3u8"), "-f", "null", "-"]);
        const account = await restored.user.findUniqueOrThrow({ where: { email: "gv.lan@diemcau.local" } });
        expect(await verifyPassword(account.passwordHash, "DiemCau@2026")).toBe(true);
      } finally {
        await restored.$disconnect();
      }
      // Never over what is there: a second restore into the same media folder is refused.
      await expect(restore(folder, target)).rejects.toThrow(/is not empty/);
    } finally {
      await source.drop();
      await dropTestDatabase(fresh);
    }
  }, 300_000);

  it("backs up the embedded database only while it is stopped, and restores it as a new data directory", async () => {
    const dataDir = join(root, "pglite-a");
    const db = await PGlite.create({ dataDir });
    await db.exec(`CREATE TABLE lesson (title text); INSERT INTO lesson VALUES ('Phân số');`);
    await db.close();
    const install: TInstall = { database: { kind: "embedded", dataDir }, storageDir: join(root, "none"), secretsFile: join(root, "none.json") };

    execFileSync("touch", [`${dataDir}.lock`]);
    await expect(backup(install, join(root, "embedded-backups"))).rejects.toThrow(/npm start/);
    await rm(`${dataDir}.lock`);

    const folder = await backup(install, join(root, "embedded-backups"));
    expect(JSON.parse(await readFile(join(folder, "manifest.json"), "utf8"))).toMatchObject({ database: "embedded", hasMedia: false });
    const restoredDir = join(root, "pglite-b");
    await restore(folder, { ...install, database: { kind: "embedded", dataDir: restoredDir } });
    expect(existsSync(restoredDir)).toBe(true);
    const restored = await PGlite.create({ dataDir: restoredDir });
    expect((await restored.query<{ title: string }>("SELECT title FROM lesson")).rows).toEqual([{ title: "Phân số" }]);
    await restored.close();
  }, 120_000);
});

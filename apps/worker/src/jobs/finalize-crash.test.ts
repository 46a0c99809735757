import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type Db } from "@diemcau/db";
import { createTestDatabase } from "@diemcau/db/test-database";
import { JOB_QUEUES, recordingKeys } from "@diemcau/protocol";
import { LocalDiskStorage } from "@diemcau/storage";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMp4Valid } from "./download-mp4";
import { probeMedia } from "./ffmpeg";
import { createFinalizeContext } from "./finalize-context";
import { isLowRenditionValid } from "./low-rendition";
import { sweepRecordings } from "./sweep-recordings";
import { createRecordingFixture } from "./testing/recording-fixture";
import { makeLiveRecording } from "./testing/make-live-recording";

const WORKER_DIR = join(import.meta.dirname, "../..");

/** The real worker (src/main.ts) as its own process group, so SIGKILL takes it and its ffmpeg down at once. */
function startWorker(env: Record<string, string>): { child: ChildProcess; ready: Promise<void>; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: WORKER_DIR,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.includes("[worker] ready")) resolve();
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before ready:\n${output}`)));
  });
  return { child, ready, output: () => output };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

describe("a worker killed in the middle of finalize", () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let boss: PgBoss;
  let root: string;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createPrismaClient(testDb.url);
    root = await mkdtemp(join(tmpdir(), "diemcau-crash-"));
    boss = new PgBoss({ connectionString: testDb.url, schema: "pgboss", supervise: false, schedule: false });
    await boss.start();
  });
  afterAll(async () => {
    for (const worker of workers) {
      if (worker.pid && worker.exitCode === null && worker.signalCode === null) process.kill(-worker.pid, "SIGKILL");
    }
    await boss?.stop({ graceful: false, wait: true });
    await db?.$disconnect();
    await testDb?.drop();
    await rm(root, { recursive: true, force: true });
  });

  it("is retried by pg-boss once the sweep sees its lock gone, and completes without a second material", async () => {
    const { recordingId } = await createRecordingFixture(db);
    const local = new LocalDiskStorage(root);
    await makeLiveRecording(local.localPath(recordingKeys.liveDir(recordingId)), { runs: [20, 10] });
    const env = {
      DATABASE_URL: testDb.url,
      STORAGE_DIR: root,
      MEDIA_SERVER_URL: "http://127.0.0.1:1",
      NODE_ENV: "test",
      S3_BUCKET: "", // local disk only, whatever the machine's environment says
    };

    const first = startWorker(env);
    workers.push(first.child);
    await first.ready;
    // The real queue (made by the worker), but this job retries after 1 s instead of 10–20 s.
    const jobId = await boss.send(JOB_QUEUES.recordingFinalize.name, { recordingId }, { retryDelay: 1, retryBackoff: false });
    expect(jobId).toBeTruthy();

    // Kill it while it makes the 360p rendition: the material exists and plays, the job is not done.
    const materialId = await until(
      "the material to be playable",
      async () => {
        const r = await db.recording.findUniqueOrThrow({ where: { id: recordingId }, include: { material: true } });
        return r.status === "READY" && !r.finalizedAt && r.material?.id;
      },
      90_000,
    );
    process.kill(-(first.child.pid ?? 0), "SIGKILL");
    await exited(first.child);
    const afterKill = await db.recording.findUniqueOrThrow({ where: { id: recordingId } });
    expect(afterKill.finalizedAt).toBeNull();

    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    const jobState = async () =>
      (await client.query<{ state: string; retry_count: number }>("SELECT state, retry_count FROM pgboss.job WHERE id = $1", [jobId]))
        .rows[0];
    try {
      // pg-boss alone would wait for the job's expiry (hours); the sweep fails it as soon as its lock is gone.
      expect((await jobState())?.state).toBe("active");
      const sweep = await sweepRecordings({
        db,
        boss,
        databaseUrl: testDb.url,
        mediaServerUrl: env.MEDIA_SERVER_URL,
        mediaSecret: "unused-because-media-server-is-down-here",
        orphanGraceMs: 0,
      });
      expect(sweep.orphanedJobs).toEqual([jobId]);
      expect((await jobState())?.state).toBe("retry");

      const second = startWorker(env);
      workers.push(second.child);
      await second.ready;
      await until("the retried finalize to complete", async () => (await jobState())?.state === "completed", 120_000);
      expect(await jobState()).toMatchObject({ state: "completed", retry_count: 1 });
      second.child.kill("SIGTERM");
      await exited(second.child);
    } finally {
      await client.end();
    }

    const materials = await db.material.findMany({ where: { recordingId } });
    expect(materials.map((m) => m.id)).toEqual([materialId]);
    const recording = await db.recording.findUniqueOrThrow({ where: { id: recordingId } });
    expect(recording).toMatchObject({ status: "READY", progress: 100 });
    const ctx = createFinalizeContext({ db, local, media: local }, recordingId, 100);
    expect(await isLowRenditionValid(ctx)).toBe(true);
    const mp4 = local.localPath(`recordings/${recordingId}/download.mp4`);
    expect(await isMp4Valid(mp4)).toBe(true);
    expect(Math.abs(((await probeMedia(mp4)).durationSec ?? 0) - 30)).toBeLessThanOrEqual(1);
  });
});

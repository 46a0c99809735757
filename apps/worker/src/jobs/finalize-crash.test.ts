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
import { ensureQueues } from "./register-jobs";
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

  it("is retried by pg-boss once the sweep sees its lock gone, in finalize and in the 360p transcode, without a second material", async () => {
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
    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    /** The recording's job on `queue`, as pg-boss keeps it. */
    const jobOf = async (queue: string) =>
      (
        await client.query<{ id: string; state: string; retry_count: number }>(
          "SELECT id, state, retry_count FROM pgboss.job WHERE name = $1 AND data->>'recordingId' = $2",
          [queue, recordingId],
        )
      ).rows[0];
    const recordingNow = () => db.recording.findUniqueOrThrow({ where: { id: recordingId }, include: { material: true } });

    /**
     * Starts a worker, waits for `killWhen`, SIGKILLs it with its ffmpeg, and checks that the sweep
     * fails the job whose lock is gone so that pg-boss retries it (alone it would wait for the
     * job's expiry, hours away). Returns the killed job's id.
     */
    const killDuring = async (queue: string, what: string, killWhen: () => Promise<boolean>) => {
      const worker = startWorker(env);
      workers.push(worker.child);
      await worker.ready;
      await until(what, async () => (await jobOf(queue))?.state === "active" && (await killWhen()), 90_000);
      process.kill(-(worker.child.pid ?? 0), "SIGKILL");
      await exited(worker.child);
      const killed = (await jobOf(queue))!;
      expect(killed.state).toBe("active");
      // This job retries after 1 s instead of 10–20 s.
      await client.query("UPDATE pgboss.job SET retry_delay = 1, retry_backoff = false WHERE id = $1", [killed.id]);
      const sweep = await sweepRecordings({
        db,
        boss,
        databaseUrl: testDb.url,
        mediaServerUrl: env.MEDIA_SERVER_URL,
        mediaSecret: "unused-because-media-server-is-down-here",
        orphanGraceMs: 0,
      });
      expect(sweep.orphanedJobs).toEqual([killed.id]);
      expect((await jobOf(queue))?.state).toBe("retry");
      return killed.id;
    };

    try {
      await ensureQueues(boss);
      expect(await boss.send(JOB_QUEUES.recordingFinalize.name, { recordingId })).toBeTruthy();
      // 1. Killed in finalize: the material row exists from the job's start, the MP4 is not done.
      await killDuring(JOB_QUEUES.recordingFinalize.name, "finalize to be under way", async () => {
        const r = await recordingNow();
        return Boolean(r.material) && !r.material?.hasMp4;
      });
      // 2. The retried finalize queues the transcode; killed in the middle of the 360p encode.
      let materialId = "";
      await killDuring(JOB_QUEUES.recordingTranscode.name, "the 360p transcode to be under way", async () => {
        const r = await recordingNow();
        materialId = r.material?.id ?? "";
        return r.status === "READY" && r.progress > 55 && r.finalizedAt === null;
      });
      expect((await recordingNow()).finalizedAt).toBeNull();

      const last = startWorker(env);
      workers.push(last.child);
      await last.ready;
      await until("the retried transcode to complete", async () => (await jobOf(JOB_QUEUES.recordingTranscode.name))?.state === "completed", 120_000);
      expect(await jobOf(JOB_QUEUES.recordingFinalize.name)).toMatchObject({ state: "completed", retry_count: 1 });
      expect(await jobOf(JOB_QUEUES.recordingTranscode.name)).toMatchObject({ state: "completed", retry_count: 1 });
      last.child.kill("SIGTERM");
      await exited(last.child);
      const materials = await db.material.findMany({ where: { recordingId } });
      expect(materials.map((m) => m.id)).toEqual([materialId]);
    } finally {
      await client.end();
    }

    expect(await recordingNow()).toMatchObject({ status: "READY", progress: 100 });
    const ctx = createFinalizeContext({ db, local, media: local }, recordingId, 100);
    expect(await isLowRenditionValid(ctx)).toBe(true);
    const mp4 = local.localPath(`recordings/${recordingId}/download.mp4`);
    expect(await isMp4Valid(mp4)).toBe(true);
    expect(Math.abs(((await probeMedia(mp4)).durationSec ?? 0) - 30)).toBeLessThanOrEqual(1);
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPrismaClient, type Db } from "@diemcau/db";
import { createTestDatabase } from "@diemcau/db/test-database";
import { JOB_QUEUES, MemoryNonceStore, verifyInternalRequest } from "@diemcau/protocol";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureQueues } from "./register-jobs";
import { sweepRecordings } from "./sweep-recordings";
import { createRecordingFixture } from "./testing/recording-fixture";

const SECRET = "a-test-media-secret-of-at-least-32-chars";

/** A FAKE media-server: only GET /recordings/active, checking the signature as media-server does. */
async function startFakeMediaServer(active: () => string[]) {
  const seenAuthorization: (string | undefined)[] = [];
  const nonces = new MemoryNonceStore();
  const server: Server = createServer((request, response) => {
    seenAuthorization.push(request.headers.authorization);
    const headers = { get: (name: string) => (request.headers[name] as string | undefined) ?? null };
    void verifyInternalRequest({ method: request.method ?? "", path: request.url ?? "", body: "" }, headers, SECRET, nonces).then((verdict) => {
      if (request.url !== "/recordings/active" || !verdict.ok) {
        response.writeHead(401).end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ recordingIds: active() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seenAuthorization,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("sweepRecordings", () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let boss: PgBoss;
  let active: string[] = [];
  let media: Awaited<ReturnType<typeof startFakeMediaServer>>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createPrismaClient(testDb.url);
    boss = new PgBoss({ connectionString: testDb.url, schema: "pgboss", supervise: false, schedule: false });
    await boss.start();
    await ensureQueues(boss);
    media = await startFakeMediaServer(() => active);
  });
  afterAll(async () => {
    await media?.close();
    await boss?.stop({ graceful: false, wait: true });
    await db?.$disconnect();
    await testDb?.drop();
  });

  const deps = (mediaServerUrl: string) => ({
    db,
    boss,
    databaseUrl: testDb.url,
    mediaServerUrl,
    mediaSecret: SECRET,
  });
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  const queuedFinalizeIds = async () => {
    const jobs = await boss.fetch<{ recordingId: string }>(JOB_QUEUES.recordingFinalize.name, { batchSize: 50 });
    for (const job of jobs ?? []) await boss.complete(JOB_QUEUES.recordingFinalize.name, job.id);
    return (jobs ?? []).map((job) => job.data.recordingId).sort();
  };

  it("finalizes recordings whose segments stopped and that media-server does not report, and nothing else", async () => {
    const cutOff = await createRecordingFixture(db, { status: "RECORDING", lastSegmentAt: minutesAgo(2) });
    const neverWrote = await createRecordingFixture(db, { status: "RECORDING", lastSegmentAt: null });
    await db.recording.update({ where: { id: neverWrote.recordingId }, data: { startedAt: minutesAgo(3) } });
    const stillActive = await createRecordingFixture(db, { status: "RECORDING", lastSegmentAt: minutesAgo(2) });
    const fresh = await createRecordingFixture(db, { status: "RECORDING", lastSegmentAt: new Date() });
    const processing = await createRecordingFixture(db, { status: "PROCESSING", lastSegmentAt: minutesAgo(10) });
    active = [stillActive.recordingId];

    const result = await sweepRecordings(deps(media.url));

    expect(result.mediaServerReachable).toBe(true);
    // Signed, never the secret itself.
    expect(media.seenAuthorization.at(-1)).toBeUndefined();
    expect(result.finalized.sort()).toEqual([cutOff.recordingId, neverWrote.recordingId].sort());
    expect(await queuedFinalizeIds()).toEqual([cutOff.recordingId, neverWrote.recordingId].sort());
    const status = async (id: string) => (await db.recording.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(cutOff.recordingId)).toBe("PROCESSING");
    expect((await db.recording.findUniqueOrThrow({ where: { id: cutOff.recordingId } })).endedAt).toEqual(
      (await db.recording.findUniqueOrThrow({ where: { id: cutOff.recordingId } })).lastSegmentAt,
    );
    expect(await status(stillActive.recordingId)).toBe("RECORDING");
    expect(await status(fresh.recordingId)).toBe("RECORDING");
    expect(await status(processing.recordingId)).toBe("PROCESSING");

    // A second sweep finds nothing new: the cut-off recordings are no longer RECORDING.
    expect((await sweepRecordings(deps(media.url))).finalized).toEqual([]);
    expect(await queuedFinalizeIds()).toEqual([]);
    await db.recording.updateMany({ where: { status: "RECORDING" }, data: { status: "READY" } });
  });

  it("waits 5 minutes instead of 1 when media-server cannot be asked", async () => {
    const twoMinutes = await createRecordingFixture(db, { status: "RECORDING", lastSegmentAt: minutesAgo(2) });
    const tenMinutes = await createRecordingFixture(db, { status: "RECORDING", lastSegmentAt: minutesAgo(10) });

    const result = await sweepRecordings(deps("http://127.0.0.1:1"));

    expect(result.mediaServerReachable).toBe(false);
    expect(result.finalized).toEqual([tenMinutes.recordingId]);
    expect(await queuedFinalizeIds()).toEqual([tenMinutes.recordingId]);
    expect((await db.recording.findUniqueOrThrow({ where: { id: twoMinutes.recordingId } })).status).toBe("RECORDING");

    // A media-server that refuses our secret counts as unreachable too.
    const wrongSecret = await sweepRecordings({ ...deps(media.url), mediaSecret: "x".repeat(40) });
    expect(wrongSecret.mediaServerReachable).toBe(false);
    expect(wrongSecret.finalized).toEqual([]);
  });

  it.each([
    {
      what: "a finalize job whose worker is gone, and marks the recording FAILED when it was the last try",
      queue: JOB_QUEUES.recordingFinalize.name,
      before: "PROCESSING",
      after: "FAILED",
    },
    {
      what: "a transcode job whose worker is gone, and leaves the playable recording READY with the reason",
      queue: JOB_QUEUES.recordingTranscode.name,
      before: "READY",
      after: "READY",
    },
  ] as const)("fails $what", async ({ queue, before, after }) => {
    const { recordingId } = await createRecordingFixture(db, { status: before });
    await boss.send(queue, { recordingId }, { retryLimit: 0 });
    // Fetched (active) by a "worker" that never takes the finalize lock: as if it died at once.
    const [job] = (await boss.fetch<{ recordingId: string }>(queue)) ?? [];
    expect(job?.data.recordingId).toBe(recordingId);

    const result = await sweepRecordings({ ...deps(media.url), orphanGraceMs: 0 });

    expect(result.orphanedJobs).toEqual([job?.id]);
    expect((await boss.getJobById(queue, job?.id ?? ""))?.state).toBe("failed");
    expect(await db.recording.findUniqueOrThrow({ where: { id: recordingId } })).toMatchObject({
      status: after,
      errorCode: "FINALIZE_FAILED",
    });
  });

  it("queues the trim-download job of a material whose download was left uncut, once per retry period", async () => {
    const { recordingId, event } = await createRecordingFixture(db, { status: "READY" });
    const material = await db.material.create({
      data: { title: "Bài giảng", ownerId: event.hostId, recordingId, hasMp4: true, trimStartSec: 30, trimEndSec: null },
    });
    const cut = await db.material.create({
      data: { title: "Đã cắt", ownerId: event.hostId, hasMp4: true, trimStartSec: 30, downloadTrimStartSec: 30 },
    });
    await db.$executeRaw`UPDATE "Material" SET "updatedAt" = now() - interval '5 minutes' WHERE id IN (${material.id}, ${cut.id})`;

    const first = await sweepRecordings(deps(media.url));
    expect(first.uncutDownloads).toEqual([material.id]);
    const [job] = (await boss.fetch<{ materialId: string }>(JOB_QUEUES.materialTrimDownload.name)) ?? [];
    expect(job?.data).toEqual({ materialId: material.id });
    // Its job was queued just now: not again at the next sweep, even if it fails.
    expect((await sweepRecordings(deps(media.url))).uncutDownloads).toEqual([]);
  });
});

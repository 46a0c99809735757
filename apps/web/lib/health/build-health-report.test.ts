import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { buildHealthReport } from "./build-health-report";
import { checkMediaServer } from "./check-media-server";
import { checkWorker } from "./check-worker";
import { healthBody, mayReadHealthDetails } from "./health-response";

let testDb: TestDatabase;
let mediaServer: Server;
let mediaUrl: string;
let mediaAnswer: unknown = { ok: true, workers: 2, rooms: 0 };

beforeAll(async () => {
  testDb = await createTestDatabase();
  mediaServer = createServer((req, res) => {
    if (req.url !== "/health") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(mediaAnswer));
  });
  await new Promise<void>((resolve) => mediaServer.listen(0, "127.0.0.1", resolve));
  mediaUrl = `http://127.0.0.1:${(mediaServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => mediaServer?.close(resolve));
  await testDb?.drop();
});

describe("health report", () => {
  it("is not ok while no worker has written a heartbeat", async () => {
    const report = await buildHealthReport(testDb.db, mediaUrl);
    expect(report.database).toEqual({ ok: true });
    expect(report.mediaServer).toEqual({ ok: true, detail: "2 workers, 0 rooms" });
    expect(report.worker.ok).toBe(false);
    expect(report.ok).toBe(false);
  });

  it("is ok when a worker beat within the last 30 s", async () => {
    await testDb.db.workerHeartbeat.create({ data: { id: "host:1", seenAt: new Date() } });
    const report = await buildHealthReport(testDb.db, mediaUrl);
    expect(report.ok).toBe(true);
  });

  it("treats a stale heartbeat as a dead worker", async () => {
    const now = new Date(Date.now() + 31_000);
    expect((await checkWorker(testDb.db, now)).ok).toBe(false);
  });

  it("reports a media server that is down, or answers nonsense", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    expect((await checkMediaServer(deadUrl)).ok).toBe(false);

    mediaAnswer = { status: "fine" };
    expect((await checkMediaServer(mediaUrl)).ok).toBe(false);
    mediaAnswer = { ok: true, workers: 2, rooms: 0 };
  });

  it("reports an unreachable database instead of throwing", async () => {
    const { createPrismaClient } = await import("@diemcau/db");
    const unreachable = createPrismaClient("postgresql://postgres@127.0.0.1:1/none");
    const report = await buildHealthReport(unreachable, mediaUrl);
    expect(report.database.ok).toBe(false);
    expect(report.database.detail).toBeTruthy();
    expect(report.ok).toBe(false);
    await unreachable.$disconnect();
  });
});

describe("what /api/health tells whom", () => {
  const report = { ok: false, database: { ok: true }, mediaServer: { ok: false, error: "connect ECONNREFUSED 10.0.0.5:3001" }, worker: { ok: true } } as never;

  it("tells the public up or down only", () => {
    expect(healthBody(report, mayReadHealthDetails(null, null, "probe-secret-0123456789"))).toEqual({ ok: false });
    expect(healthBody(report, mayReadHealthDetails({ role: "TEACHER" }, null, "probe-secret-0123456789"))).toEqual({ ok: false });
    expect(mayReadHealthDetails(null, "wrong-secret-0123456789", "probe-secret-0123456789")).toBe(false);
    expect(mayReadHealthDetails(null, "any", undefined)).toBe(false);
  });

  it("gives the details to staff and to a probe with the secret", () => {
    expect(mayReadHealthDetails({ role: "STAFF" }, null, undefined)).toBe(true);
    expect(mayReadHealthDetails(null, "probe-secret-0123456789", "probe-secret-0123456789")).toBe(true);
    expect(healthBody(report, true)).toBe(report);
  });
});

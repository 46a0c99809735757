import { seedDemo } from "@diemcau/db";
import { signInternalRequest, type TRecordingEvent } from "@diemcau/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob, stopBosses } from "../jobs/enqueue";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { handleRecordingEventsRequest } from "./handle-recording-events-request";

const SECRET = "web-recording-events-test-secret-0123456789";

async function post(events: TRecordingEvent[], secret = SECRET): Promise<Request> {
  const body = JSON.stringify({ events });
  return new Request("http://localhost/api/internal/recordings/events", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(await signInternalRequest({ method: "POST", path: "/api/internal/recordings/events", body }, secret)),
    },
    body,
  });
}

describe("POST /api/internal/recordings/events on a real database and queue", () => {
  let database: TestDatabase;
  let eventId: string;
  const send = async (events: TRecordingEvent[], secret = SECRET) =>
    handleRecordingEventsRequest(await post(events, secret), {
      db: database.db,
      secret: SECRET,
      enqueueFinalize: (recordingId) => enqueueJob("recording.finalize", { recordingId }, database.url),
    });
  const finalizeJobs = async () =>
    database.db.$queryRawUnsafe<{ data: { recordingId: string } }[]>(
      `SELECT data FROM pgboss.job WHERE name = 'recording.finalize'`,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    eventId = (await database.db.event.findUniqueOrThrow({ where: { roomName: "demo-hoi-nghi-trien-khai-nam-hoc" } })).id;
  });

  afterAll(async () => {
    await stopBosses();
    await database?.drop();
  });

  it("refuses an unsigned or badly signed batch with 401", async () => {
    const started: TRecordingEvent = {
      type: "recording.started", recordingId: "rec-x", roomId: eventId, startedAt: new Date().toISOString(),
      storagePrefix: "recordings/rec-x", run: 1,
    };
    const response = await send([started], `${SECRET}-wrong`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("INTERNAL_SIGNATURE_INVALID");
    expect(await database.db.recording.count()).toBe(0);
  });

  it("refuses a malformed batch with 400 and a stable code", async () => {
    const response = await send([{ type: "recording.started", recordingId: "r" } as unknown as TRecordingEvent]);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("RECORDING_EVENTS_INVALID");
  });

  it("stores started/segment/stopped, queues one finalize job even when stopped repeats", async () => {
    const t0 = Date.parse("2026-11-28T08:00:00Z");
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const segment = (n: number): TRecordingEvent => ({
      type: "recording.segment", recordingId: "rec-1", run: 1, segment: `seg-r1-${n}.ts`, durationSec: 2,
      totalDurationSec: 2 * n, segmentCount: n, at: at(2 * n),
    });
    const started: TRecordingEvent = {
      type: "recording.started", recordingId: "rec-1", roomId: eventId, startedAt: at(0), storagePrefix: "recordings/rec-1", run: 1,
    };
    expect((await send([started, segment(1), segment(2), segment(3)])).status).toBe(200);
    // A retried, older segment does not move the totals back.
    await send([segment(2)]);
    let row = await database.db.recording.findUniqueOrThrow({ where: { id: "rec-1" } });
    expect(row).toMatchObject({ status: "RECORDING", eventId, storagePrefix: "recordings/rec-1", durationSec: 6, segmentCount: 3 });
    expect(row.lastSegmentAt?.toISOString()).toBe(at(6));

    const stopped: TRecordingEvent = { type: "recording.stopped", recordingId: "rec-1", stoppedAt: at(7), totalDurationSec: 6.5, reason: "host" };
    expect((await send([stopped])).status).toBe(200);
    expect((await send([stopped])).status).toBe(200);
    row = await database.db.recording.findUniqueOrThrow({ where: { id: "rec-1" } });
    expect(row).toMatchObject({ status: "PROCESSING", durationSec: 6.5 });
    expect((await finalizeJobs()).map((job) => job.data)).toEqual([{ recordingId: "rec-1" }]);
  });

  it("links a recording to its event by the room name that join tokens carry", async () => {
    const started: TRecordingEvent = {
      type: "recording.started", recordingId: "rec-room", roomId: "demo-hoi-nghi-trien-khai-nam-hoc",
      startedAt: new Date().toISOString(), storagePrefix: "recordings/rec-room", run: 1,
    };
    expect((await send([started])).status).toBe(200);
    expect(await database.db.recording.findUniqueOrThrow({ where: { id: "rec-room" } })).toMatchObject({ eventId });
  });

  it("marks a failed recording FAILED with its code and a Vietnamese message", async () => {
    const at = new Date().toISOString();
    await send([
      { type: "recording.started", recordingId: "rec-2", roomId: eventId, startedAt: at, storagePrefix: "recordings/rec-2", run: 1 },
      { type: "recording.failed", recordingId: "rec-2", at, code: "DISK_FULL", message: "ENOSPC: no space left on device" },
    ]);
    const row = await database.db.recording.findUniqueOrThrow({ where: { id: "rec-2" } });
    expect(row.status).toBe("FAILED");
    expect(row.errorCode).toBe("DISK_FULL");
    expect(row.error).toMatch(/Ổ đĩa .* đầy/);
    // What the recorder kept still becomes a material: its finalize is queued, once.
    await send([{ type: "recording.failed", recordingId: "rec-2", at, code: "DISK_FULL", message: "ENOSPC" }]);
    expect((await finalizeJobs()).filter((job) => job.data.recordingId === "rec-2")).toHaveLength(1);
  });

  it("never turns a recording that plays back into FAILED on a late or replayed failure report", async () => {
    const at = new Date().toISOString();
    await send([{ type: "recording.started", recordingId: "rec-4", roomId: eventId, startedAt: at, storagePrefix: "recordings/rec-4", run: 1 }]);
    await database.db.recording.update({ where: { id: "rec-4" }, data: { status: "READY" } });
    await send([{ type: "recording.failed", recordingId: "rec-4", at, code: "FFMPEG_CRASHED", message: "late" }]);
    expect(await database.db.recording.findUniqueOrThrow({ where: { id: "rec-4" } })).toMatchObject({ status: "READY", errorCode: null });
  });

  it("answers 503 and leaves the recording RECORDING when the job cannot be queued, so a retry works", async () => {
    const at = new Date().toISOString();
    await send([{ type: "recording.started", recordingId: "rec-3", roomId: "no-such-event", startedAt: at, storagePrefix: "recordings/rec-3", run: 1 }]);
    const stopped: TRecordingEvent = { type: "recording.stopped", recordingId: "rec-3", stoppedAt: at, totalDurationSec: 1, reason: "room-closed" };
    const failing = await handleRecordingEventsRequest(await post([stopped]), {
      db: database.db, secret: SECRET, enqueueFinalize: () => Promise.reject(new Error("queue down")),
    });
    expect(failing.status).toBe(503);
    expect((await database.db.recording.findUniqueOrThrow({ where: { id: "rec-3" } })).status).toBe("RECORDING");
    expect((await send([stopped])).status).toBe(200);
    const row = await database.db.recording.findUniqueOrThrow({ where: { id: "rec-3" } });
    expect(row).toMatchObject({ status: "PROCESSING", eventId: null });
  });
});

import { seedDemo } from "@diemcau/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { liveWatchAllowed } from "./live-watch-state";
import { revokeLiveWatch } from "./revoke-live-watch";

const settle = () => new Promise((resolve) => setTimeout(resolve, 2_100)); // past the state cache

describe("live-watch links on a real database", () => {
  let database: TestDatabase;
  let eventId: string;
  let otherEventId: string;
  let recordingId: string;
  let hostId: string;
  let teacherId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    const event = await database.db.event.findUniqueOrThrow({ where: { roomName: "demo-hoi-nghi-trien-khai-nam-hoc" } });
    eventId = event.id;
    hostId = event.hostId;
    otherEventId = (await database.db.event.findUniqueOrThrow({ where: { roomName: "demo-tap-huan-chuyen-doi-so" } })).id;
    teacherId = (await database.db.user.findUniqueOrThrow({ where: { email: "gv.lan@diemcau.local" } })).id;
    recordingId = (await database.db.recording.create({ data: { eventId, status: "RECORDING" } })).id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const claims = (watchVersion = 0, forEvent = eventId) => ({ recordingId, eventId: forEvent, viewerId: teacherId, watchVersion });

  it("plays on its own event only", async () => {
    expect(await liveWatchAllowed(database.db, claims(), eventId)).toBe(true);
    expect(await liveWatchAllowed(database.db, claims(), otherEventId)).toBe(false);
    expect(await liveWatchAllowed(database.db, claims(0, otherEventId), otherEventId)).toBe(false);
  });

  it("is revoked by the host for every link made before, and not by a teacher who is not the host", async () => {
    await expect(revokeLiveWatch(database.db, eventId, { id: teacherId, role: "TEACHER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await revokeLiveWatch(database.db, eventId, { id: hostId, role: "STAFF" })).toEqual({ watchVersion: 1 });
    await settle();
    expect(await liveWatchAllowed(database.db, claims(0), eventId)).toBe(false);
    expect(await liveWatchAllowed(database.db, claims(1), eventId)).toBe(true);
  });

  it("stops once the recording is a material, served only through its trimmed renditions", async () => {
    await database.db.material.create({ data: { title: "Bản ghi", ownerId: hostId, recordingId } });
    await settle();
    expect(await liveWatchAllowed(database.db, claims(1), eventId)).toBe(false);
  });
});

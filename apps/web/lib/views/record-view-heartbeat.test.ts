import type { Db } from "@diemcau/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { recordViewHeartbeat } from "./record-view-heartbeat";

describe("recordViewHeartbeat (real PostgreSQL)", () => {
  let database: TestDatabase;
  let db: Db;
  let materialId: string;
  let viewer: { id: string; role: "STUDENT" };
  const client = { address: "203.0.113.7", userAgent: "Chromium" };
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 2, 3, 0, seconds)); // 10:00 in Vietnam

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const owner = await db.user.create({ data: { email: "gv@test.local", name: "GV", passwordHash: "x", role: "TEACHER" } });
    viewer = { id: (await db.user.create({ data: { email: "hs@test.local", name: "HS", passwordHash: "x", role: "STUDENT" } })).id, role: "STUDENT" };
    materialId = (await db.material.create({ data: { title: "Bài 1", ownerId: owner.id, published: true, visibility: "PUBLIC" } })).id;
  }, 240_000); // a new set of migrations is migrated into a template first
  afterAll(() => database?.drop());

  const beat = (who: typeof viewer | null, seconds: number, playedSec: number, from = client) =>
    recordViewHeartbeat(db, { materialId, viewer: who, client: from, body: { playedSec }, now: at(seconds) });
  const viewCount = async () => (await db.material.findUniqueOrThrow({ where: { id: materialId } })).viewCount;

  it("counts a view after 30 s of watching, once per viewer and day, and adds up the time", async () => {
    expect(await beat(viewer, 0, 10)).toEqual({ watchedSec: 10, counted: false });
    expect(await beat(viewer, 10, 10)).toEqual({ watchedSec: 20, counted: false });
    expect(await beat(viewer, 20, 10)).toEqual({ watchedSec: 30, counted: true });
    expect(await beat(viewer, 30, 10)).toEqual({ watchedSec: 40, counted: false });
    expect(await viewCount()).toBe(1);
    // The next day in Vietnam (after 17:00 UTC) counts again.
    await recordViewHeartbeat(db, { materialId, viewer, client, body: { playedSec: 15 }, now: new Date(Date.UTC(2026, 11, 2, 18)) });
    await recordViewHeartbeat(db, { materialId, viewer, client, body: { playedSec: 15 }, now: new Date(Date.UTC(2026, 11, 2, 18, 0, 15)) });
    await recordViewHeartbeat(db, { materialId, viewer, client, body: { playedSec: 15 }, now: new Date(Date.UTC(2026, 11, 2, 18, 0, 30)) });
    expect(await viewCount()).toBe(2);
  });

  it("credits no more than the time that passed between reports", async () => {
    const greedy = { address: "198.51.100.1", userAgent: "curl" };
    await beat(null, 100, 3600, greedy);
    const second = await beat(null, 101, 3600, greedy);
    expect(second.watchedSec).toBeLessThanOrEqual(15 + 1 + 5);
    expect(second.counted).toBe(false);
  });

  it("counts anonymous viewers without storing who they are", async () => {
    const before = await viewCount();
    for (const second of [200, 210, 220]) await beat(null, second, 10);
    expect(await viewCount()).toBe(before + 1);
    const rows = await db.materialView.findMany({ where: { userId: null } });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(client.address);
    expect(rows.every((row) => /^a:[0-9a-f]{32}$/.test(row.viewerKey))).toBe(true);
    expect(await db.viewSalt.count()).toBe(1);
  });

  it("refuses a report that is not a number of seconds", async () => {
    await expect(recordViewHeartbeat(db, { materialId, viewer, client, body: { playedSec: "lots" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

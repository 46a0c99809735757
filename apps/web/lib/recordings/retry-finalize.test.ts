import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { retryFinalize } from "./retry-finalize";

describe("retryFinalize() on a real database", () => {
  let database: TestDatabase;
  const queued: string[] = [];
  const enqueue = async (id: string) => void queued.push(id);

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.recording.create({ data: { id: "rec-failed", status: "FAILED", errorCode: "DISK_FULL" } });
    await database.db.recording.create({ data: { id: "rec-ready", status: "READY" } });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("queues the finalize of a failed recording", async () => {
    expect(await retryFinalize(database.db, "rec-failed", enqueue)).toEqual({ queued: true });
    expect(queued).toEqual(["rec-failed"]);
  });

  it("refuses a recording that has not failed, and one that does not exist", async () => {
    await expect(retryFinalize(database.db, "rec-ready", enqueue)).rejects.toMatchObject({ code: "RECORDING_NOT_FAILED", status: 409 });
    await expect(retryFinalize(database.db, "nope", enqueue)).rejects.toMatchObject({ code: "RECORDING_NOT_FOUND", status: 404 });
    expect(queued).toEqual(["rec-failed"]);
  });
});

import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDemo } from "@diemcau/db";
import type { TRecordingFinalizeJob } from "@diemcau/protocol";
import { LocalDiskStorage } from "@diemcau/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toApiResponse } from "../api/to-api-response";
import { makeRecordingFixture } from "../testing/make-recording-fixture";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import type { TAccessViewer } from "./material-access";
import { uploadMaterial } from "./upload-material";

describe("POST /api/materials/upload with real ffprobe and a real database", () => {
  let database: TestDatabase;
  let root: string;
  let storage: LocalDiskStorage;
  let teacher: TAccessViewer;
  let video: Buffer;
  const jobs: TRecordingFinalizeJob[] = [];

  // Through toApiResponse, as the route answers, so each case checks the HTTP status and error code.
  const upload = (body: Buffer, { maxBytes = 10_000_000, filename = "bai-giang.mp4" } = {}) =>
    toApiResponse(() => uploadMaterial(
      new Request(`http://localhost/api/materials/upload?title=${encodeURIComponent("Bài giảng")}&filename=${filename}&subject=To%C3%A1n&grade=9`, {
        method: "POST",
        body: new Uint8Array(body),
      }),
      teacher,
      { db: database.db, storage, maxBytes, enqueueFinalize: async (job) => jobs.push(job) },
    ), 201);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "gv.lan@diemcau.local" } });
    teacher = { id: user.id, role: user.role };
    root = await mkdtemp(join(tmpdir(), "diemcau-upload-"));
    storage = new LocalDiskStorage(root);
    const fixture = await makeRecordingFixture(join(root, "fixture"), "clip", 2);
    video = await readFile(join(fixture, "download.mp4"));
  });

  afterAll(async () => {
    await database?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("rejects a file that is not a video with a clear Vietnamese message and keeps nothing", async () => {
    for (const [body, filename] of [[Buffer.from("Đây là một tệp văn bản, không phải video.\n".repeat(50)), "ghi-chu.txt"], [await readFile(join(root, "fixture/recordings/clip/poster.jpg")), "anh.mp4"]] as const) {
      const response = await upload(body, { filename });
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe("UPLOAD_NOT_VIDEO");
      expect(error.message).toContain("không phải là video");
    }
    expect(await readdir(join(root, "uploads")).catch(() => [])).toEqual([]);
    expect(await database.db.material.count()).toBe(0);
  });

  it("rejects a file over UPLOAD_MAX_BYTES while streaming, keeping nothing", async () => {
    const response = await upload(video, { maxBytes: 1000 });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("UPLOAD_TOO_LARGE");
    expect(await readdir(join(root, "uploads")).catch(() => [])).toEqual([]);
  });

  it("stores a video, creates a processing material and queues its finalize job", async () => {
    const response = await upload(video);
    expect(response.status).toBe(201);
    const { materialId } = await response.json();
    const material = await database.db.material.findUniqueOrThrow({ where: { id: materialId }, include: { recording: true } });
    expect(material).toMatchObject({ title: "Bài giảng", subject: "Toán", grade: 9, ownerId: teacher.id, published: false });
    expect(material.recording).toMatchObject({ source: "UPLOAD", status: "PROCESSING" });
    const recordingId = material.recording!.id;
    expect(jobs).toEqual([{ recordingId, source: "upload", uploadKey: `uploads/${recordingId}/original.mp4` }]);
    expect((await readFile(storage.localPath(`uploads/${recordingId}/original.mp4`))).equals(video)).toBe(true);
  });
});

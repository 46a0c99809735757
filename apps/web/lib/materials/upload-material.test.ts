import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
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
  const upload = (body: Buffer, { maxBytes = 10_000_000, filename = "bai-giang.mp4", quotaBytes = 1e12, diskReserveBytes = 0, into = storage } = {}) =>
    toApiResponse(() => uploadMaterial(
      new Request(`http://localhost/api/materials/upload?title=${encodeURIComponent("Bài giảng")}&filename=${filename}&subject=To%C3%A1n&grade=9`, {
        method: "POST",
        body: new Uint8Array(body),
      }),
      teacher,
      { db: database.db, storage: into, maxBytes, quotaBytes, diskReserveBytes, enqueueFinalize: async (job) => jobs.push(job) },
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

  it("refuses a playlist or concat list saved as a video, which would make ffmpeg read another material's files", async () => {
    const other = join(root, "fixture/recordings/clip/hls/source");
    const segment = (await readdir(other)).find((name) => name.endsWith(".ts"))!;
    const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n${join(other, segment)}\n#EXT-X-ENDLIST\n`;
    const concat = `ffconcat version 1.0\nfile '${join(other, segment)}'\n`;
    for (const [body, filename] of [[playlist, "bai-giang.mp4"], [concat, "bai-giang.mkv"]] as const) {
      const response = await upload(Buffer.from(body), { filename });
      expect(response.status, filename).toBe(400);
      expect((await response.json()).error.code).toBe("UPLOAD_NOT_VIDEO");
    }
    expect(await readdir(join(root, "uploads")).catch(() => [])).toEqual([]);
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

describe("upload limits with real files", () => {
  let database: TestDatabase;
  let root: string;
  let teacher: TAccessViewer;
  let video: Buffer;

  const upload = (storage: LocalDiskStorage, { quotaBytes = 1e12, diskReserveBytes = 0, declaredBytes = video.byteLength } = {}) =>
    toApiResponse(
      () =>
        uploadMaterial(
          new Request("http://localhost/api/materials/upload?title=Bai&filename=a.mp4", {
            method: "POST",
            body: new Uint8Array(video),
            headers: { "content-length": String(declaredBytes) },
          }),
          teacher,
          {
          db: database.db,
          storage,
          maxBytes: 100_000_000,
          quotaBytes,
          diskReserveBytes,
          enqueueFinalize: async () => undefined,
          },
        ),
      201,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "gv.hung@diemcau.local" } });
    teacher = { id: user.id, role: user.role };
    root = await mkdtemp(join(tmpdir(), "diemcau-upload-limits-"));
    video = await readFile(join(await makeRecordingFixture(join(root, "fixture"), "clip", 2), "download.mp4"));
  });
  afterAll(async () => {
    await database?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("counts a teacher's uploads against their quota and refuses the one that would pass it", async () => {
    const storage = new LocalDiskStorage(join(root, "quota"));
    const quotaBytes = video.byteLength * 2 + 100;
    expect((await upload(storage, { quotaBytes })).status).toBe(201);
    expect((await upload(storage, { quotaBytes })).status).toBe(201);
    const refused = await upload(storage, { quotaBytes });
    expect(refused.status).toBe(413);
    expect((await refused.json()).error.code).toBe("UPLOAD_QUOTA_EXCEEDED");
    expect(await database.db.material.count({ where: { ownerId: teacher.id } })).toBe(2);
  });

  it("refuses an upload the disk cannot hold before reading it, and one that fills it while streaming, keeping what is stored", async () => {
    const mountPoint = join(root, "small-disk");
    await mkdir(mountPoint);
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${Math.ceil(video.byteLength / 2)}`, "tmpfs", mountPoint]);
    try {
      const storage = new LocalDiskStorage(mountPoint);
      await writeFile(join(mountPoint, "kept.txt"), "đã lưu");
      // Declared bigger than the free space: refused before the body is read.
      const early = await upload(storage);
      expect(early.status).toBe(507);
      expect((await early.json()).error.code).toBe("UPLOAD_DISK_FULL");
      // A client that declares less than it sends passes the check and fills the disk: refused, nothing half-written left.
      const late = await upload(storage, { declaredBytes: 1000 });
      expect(late.status).toBe(507);
      expect((await late.json()).error.code).toBe("UPLOAD_DISK_FULL");
      expect(await readdir(join(mountPoint, "uploads")).catch(() => [])).toEqual([]);
      expect(await readFile(join(mountPoint, "kept.txt"), "utf8")).toBe("đã lưu");
    } finally {
      execFileSync("umount", [mountPoint]);
    }
  });
});

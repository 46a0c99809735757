import { seedDemo } from "@diemcau/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toApiResponse } from "../api/to-api-response";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import type { TAccessViewer } from "./material-access";
import type { TMaterialUpdate } from "./material-input";
import { updateMaterial as updateMaterialInLibrary } from "./update-material";

/** Through toApiResponse, as the route answers, so each case checks the HTTP status and error code. */
const updateMaterial = (...args: Parameters<typeof updateMaterialInLibrary>) => toApiResponse(() => updateMaterialInLibrary(...args));

describe("PATCH /api/materials/<id> on a real database", () => {
  let database: TestDatabase;
  let materialId: string;
  const viewers: Record<string, TAccessViewer> = {};
  /** Materials whose download trim job was queued. */
  const queued: string[] = [];
  const enqueue = async (id: string) => void queued.push(id);
  /** Materials whose signature was queued. */
  const signing: string[] = [];
  const enqueueSign = async (id: string) => void signing.push(id);
  const edit: TMaterialUpdate = {
    title: "Phương trình bậc hai — bài 1",
    description: "Ôn tập công thức nghiệm",
    subject: "Toán",
    grade: 9,
    tags: ["phương trình", "lớp 9"],
    visibility: "ENROLLED",
    published: true,
    allowDownload: false,
    trimStartSec: 3,
    trimEndSec: 60,
    chapters: [{ startSec: 0, title: "Mở đầu" }, { startSec: 30, title: "Ví dụ" }],
    timelineVersion: 0,
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    for (const email of ["canbo@diemcau.local", "gv.lan@diemcau.local", "gv.hung@diemcau.local", "hs.minh@diemcau.local"]) {
      const user = await database.db.user.findUniqueOrThrow({ where: { email } });
      viewers[email.split("@")[0]!] = { id: user.id, role: user.role };
    }
    const lesson = await database.db.event.findUniqueOrThrow({ where: { roomName: "demo-lop-toan-9a" } });
    const recording = await database.db.recording.create({ data: { eventId: lesson.id, status: "READY", storagePrefix: "recordings/x" } });
    materialId = (
      await database.db.material.create({
        data: { title: "Bản ghi", ownerId: viewers["gv.lan"]!.id, recordingId: recording.id, visibility: "INTERNAL", published: true },
      })
    ).id;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("refuses a teacher who does not own it and a student with 403, changing nothing", async () => {
    for (const who of ["gv.hung", "hs.minh"]) {
      const response = await updateMaterial(database.db, materialId, viewers[who]!, edit, enqueue, enqueueSign);
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("MATERIAL_EDIT_FORBIDDEN");
    }
    expect((await database.db.material.findUniqueOrThrow({ where: { id: materialId } })).title).toBe("Bản ghi");
    expect(queued).toEqual([]);
  });

  it("lets the owner edit details, chapters, visibility, trim and publishing; a new trim queues the download's cut", async () => {
    const response = await updateMaterial(database.db, materialId, viewers["gv.lan"]!, edit, enqueue, enqueueSign);
    expect(response.status).toBe(200);
    const saved = await database.db.material.findUniqueOrThrow({ where: { id: materialId }, include: { chapters: { orderBy: { startSec: "asc" } } } });
    expect(saved).toMatchObject({ title: edit.title, grade: 9, tags: edit.tags, visibility: "ENROLLED", allowDownload: false, trimStartSec: 3, trimEndSec: 60 });
    expect(saved.chapters.map((c) => c.title)).toEqual(["Mở đầu", "Ví dụ"]);
    expect(queued).toEqual([materialId]);
    // The cut job signs once the files match the new window.
    expect(signing).toEqual([]);
  });

  it("lets staff edit, and refuses a trim end before its start with 400", async () => {
    const response = await updateMaterial(database.db, materialId, viewers["canbo"]!, { ...edit, trimStartSec: 50, trimEndSec: 10 }, enqueue, enqueueSign);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain("Điểm kết thúc");
    expect((await updateMaterial(database.db, materialId, viewers["canbo"]!, { ...edit, chapters: [], timelineVersion: 1 }, enqueue, enqueueSign)).status).toBe(200);
    expect(await database.db.chapter.count({ where: { materialId } })).toBe(0);
    // The same trim window: the download is already cut (or being cut) to it; the published
    // material's manifest is signed again for its edited details.
    expect(queued).toEqual([materialId]);
    expect(signing).toEqual([materialId]);
  });

  it("refuses a save based on a version someone else has saved over with 409, keeping their chapters", async () => {
    const version = (await database.db.material.findUniqueOrThrow({ where: { id: materialId } })).timelineVersion;
    const first = await updateMaterial(database.db, materialId, viewers["gv.lan"]!, { ...edit, chapters: [{ startSec: 5, title: "Của cô Lan" }], timelineVersion: version }, enqueue, enqueueSign);
    expect(first.status).toBe(200);
    const second = await updateMaterial(database.db, materialId, viewers["canbo"]!, { ...edit, title: "Của cán bộ", chapters: [{ startSec: 9, title: "Của cán bộ" }], timelineVersion: version }, enqueue, enqueueSign);
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe("TIMELINE_CONFLICT");
    const saved = await database.db.material.findUniqueOrThrow({ where: { id: materialId }, include: { chapters: true } });
    expect(saved.title).toBe(edit.title);
    expect(saved.chapters.map((c) => c.title)).toEqual(["Của cô Lan"]);
    expect(saved.timelineVersion).toBe(version + 1);
  });

  it("stamps publishedAt when a material is published, and keeps it while it stays published", async () => {
    const owner = viewers["gv.lan"]!;
    const read = () => database.db.material.findUniqueOrThrow({ where: { id: materialId }, select: { publishedAt: true, timelineVersion: true } });
    expect((await updateMaterial(database.db, materialId, owner, { ...edit, published: false, timelineVersion: (await read()).timelineVersion }, enqueue, enqueueSign)).status).toBe(200);
    const before = new Date();
    expect((await updateMaterial(database.db, materialId, owner, { ...edit, published: true, timelineVersion: (await read()).timelineVersion }, enqueue, enqueueSign)).status).toBe(200);
    const published = (await read()).publishedAt;
    expect(published!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect((await updateMaterial(database.db, materialId, owner, { ...edit, title: "Đổi tên", timelineVersion: (await read()).timelineVersion }, enqueue, enqueueSign)).status).toBe(200);
    expect((await read()).publishedAt).toEqual(published);
  });

  it("answers 404 for a material that does not exist", async () => {
    expect((await updateMaterial(database.db, "missing", viewers["canbo"]!, edit, enqueue, enqueueSign)).status).toBe(404);
  });
});

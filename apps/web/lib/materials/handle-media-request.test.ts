import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDemo } from "@diemcau/db";
import { LocalDiskStorage, type StorageSetup } from "@diemcau/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catchAppError } from "../api/to-api-response";
import { makeRecordingFixture } from "../testing/make-recording-fixture";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { handleMediaRequest } from "./handle-media-request";
import type { TAccessViewer } from "./material-access";

describe("GET /media/<materialId>/<path> on a real database and real files", () => {
  let database: TestDatabase;
  let root: string;
  let storage: StorageSetup;
  let materialId: string;
  const viewers: Record<string, TAccessViewer> = {};

  // Through catchAppError, as the route answers, so each case checks the HTTP status and error code.
  const get = (viewer: TAccessViewer | null, path: string, headers: Record<string, string> = {}, id = materialId) =>
    catchAppError(() =>
      handleMediaRequest(new Request(`http://localhost/media/${id}/${path}`, { headers }), {
        db: database.db, storage, viewer, materialId: id, path: path.split("/"),
      }),
    );
  const setMaterial = (data: {
    visibility?: "PUBLIC" | "INTERNAL" | "ENROLLED";
    published?: boolean;
    allowDownload?: boolean;
    trimStartSec?: number | null;
    trimEndSec?: number | null;
    downloadTrimStartSec?: number | null;
    downloadTrimEndSec?: number | null;
  }) =>
    database.db.material.update({ where: { id: materialId }, data });

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    root = await mkdtemp(join(tmpdir(), "diemcau-media-"));
    const local = new LocalDiskStorage(root);
    storage = { local, media: local };
    await makeRecordingFixture(root, "rec-media", 10);
    for (const email of ["canbo@diemcau.local", "gv.lan@diemcau.local", "gv.hung@diemcau.local", "hs.minh@diemcau.local"]) {
      const user = await database.db.user.findUniqueOrThrow({ where: { email } });
      viewers[email.split("@")[0]!] = { id: user.id, role: user.role };
    }
    const outsider = await database.db.user.create({ data: { email: "hs.ngoai@diemcau.local", name: "Học sinh ngoài lớp", role: "STUDENT", passwordHash: "x" } });
    viewers["hs.ngoai"] = { id: outsider.id, role: outsider.role };
    const lesson = await database.db.event.findUniqueOrThrow({ where: { roomName: "demo-lop-toan-9a" } });
    const recording = await database.db.recording.create({
      data: { id: "rec-media", eventId: lesson.id, status: "READY", storagePrefix: "recordings/rec-media", progress: 100 },
    });
    materialId = (
      await database.db.material.create({
        data: { title: "Phương trình bậc hai", ownerId: lesson.hostId, recordingId: recording.id, visibility: "ENROLLED", published: true },
      })
    ).id;
  });

  afterAll(async () => {
    await database?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("serves the master playlist and a segment with content types and caching", async () => {
    const master = await get(viewers["hs.minh"]!, "hls/master.m3u8");
    expect(master.status).toBe(200);
    expect(master.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    expect(await master.text()).toContain("source/index.m3u8");
    const segment = await get(viewers["hs.minh"]!, "hls/source/seg-000.ts");
    expect(segment.status).toBe(200);
    expect(segment.headers.get("content-type")).toBe("video/mp2t");
    expect(segment.headers.get("cache-control")).toContain("immutable");
    expect(segment.headers.get("accept-ranges")).toBe("bytes");
  });

  it("answers byte ranges with 206 and Content-Range, and 416 past the end", async () => {
    const size = (await stat(join(root, "recordings/rec-media/download.mp4"))).size;
    const part = await get(viewers["gv.lan"]!, "download.mp4", { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${size}`);
    expect(part.headers.get("content-type")).toBe("video/mp4");
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    const tail = await get(viewers["gv.lan"]!, "download.mp4", { range: "bytes=-10" });
    expect(tail.headers.get("content-range")).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    const beyond = await get(viewers["gv.lan"]!, "download.mp4", { range: `bytes=${size}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${size}`);
  });

  it("follows the visibility: ENROLLED is the class and its teacher, INTERNAL is staff and teachers, PUBLIC anyone", async () => {
    const status = async (who: string | null) => (await get(who ? viewers[who]! : null, "poster.jpg")).status;
    expect(await status("hs.minh")).toBe(200);
    expect(await status("gv.lan")).toBe(200);
    expect(await status("canbo")).toBe(200);
    expect(await status("hs.ngoai")).toBe(404);
    expect(await status("gv.hung")).toBe(404);
    expect(await status(null)).toBe(404);

    await setMaterial({ visibility: "INTERNAL" });
    expect(await status("gv.hung")).toBe(200);
    expect(await status("hs.minh")).toBe(404);

    await setMaterial({ visibility: "PUBLIC" });
    expect(await status(null)).toBe(200);
    expect((await get(null, "poster.jpg")).headers.get("content-type")).toBe("image/jpeg");

    // Unpublished: only the owner and staff, whatever the visibility.
    await setMaterial({ published: false });
    expect(await status(null)).toBe(404);
    expect(await status("hs.minh")).toBe(404);
    expect(await status("gv.lan")).toBe(200);
    await setMaterial({ published: true, visibility: "ENROLLED" });
  });

  it("lets any origin read what an anonymous viewer gets (a portal's sandboxed embed), and nothing a signed-in viewer gets", async () => {
    await setMaterial({ visibility: "PUBLIC", published: true });
    for (const path of ["hls/master.m3u8", "hls/source/seg-000.ts", "poster.jpg"]) {
      expect((await get(null, path)).headers.get("access-control-allow-origin")).toBe("*");
      expect((await get(viewers["hs.minh"]!, path)).headers.get("access-control-allow-origin")).toBeNull();
    }
    await setMaterial({ visibility: "ENROLLED" });
    expect((await get(null, "hls/master.m3u8")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses the MP4 when downloads are off, except to editors", async () => {
    await setMaterial({ allowDownload: false });
    const refused = await get(viewers["hs.minh"]!, "download.mp4");
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("MEDIA_DOWNLOAD_DISABLED");
    expect((await get(viewers["gv.lan"]!, "download.mp4")).status).toBe(200);
    await setMaterial({ allowDownload: true });
  });

  it("refuses the MP4 while it is being cut to a new trim window, and revalidates it afterwards", async () => {
    await setMaterial({ trimStartSec: 12 });
    const pending = await get(viewers["hs.minh"]!, "download.mp4");
    expect(pending.status).toBe(409);
    expect((await pending.json()).error.code).toBe("MEDIA_DOWNLOAD_PREPARING");
    // The player still plays meanwhile.
    expect((await get(viewers["hs.minh"]!, "hls/master.m3u8")).status).toBe(200);
    await setMaterial({ downloadTrimStartSec: 12 });
    const cut = await get(viewers["hs.minh"]!, "download.mp4");
    expect(cut.status).toBe(200);
    expect(cut.headers.get("cache-control")).toBe("private, no-cache");
    await setMaterial({ trimStartSec: null, downloadTrimStartSec: null });
  });

  it("serves every rendition only inside the trim window: playlists rewritten, segments outside refused", async () => {
    const segmentsOf = async (rendition: string) =>
      (await (await get(viewers["hs.minh"]!, `hls/${rendition}/index.m3u8`)).text()).split("\n").filter((line) => line.endsWith(".ts"));
    expect(await segmentsOf("source")).toEqual(["seg-000.ts", "seg-001.ts", "seg-002.ts", "seg-003.ts", "seg-004.ts"]);

    // 3 s to 7 s: from the first segment starting in the window (4 s) to the one holding its end.
    await setMaterial({ trimStartSec: 3, trimEndSec: 7, downloadTrimStartSec: 3, downloadTrimEndSec: 7 });
    for (const rendition of ["source", "360p"]) {
      const playlist = await get(viewers["hs.minh"]!, `hls/${rendition}/index.m3u8`);
      expect(playlist.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
      expect(playlist.headers.get("cache-control")).toBe("private, no-cache");
      expect(await segmentsOf(rendition)).toEqual(["seg-002.ts", "seg-003.ts"]);
      for (const outside of ["seg-000.ts", "seg-001.ts", "seg-004.ts"]) {
        const refused = await get(viewers["hs.minh"]!, `hls/${rendition}/${outside}`);
        expect(refused.status, `${rendition}/${outside}`).toBe(403);
        expect((await refused.json()).error.code).toBe("MEDIA_OUTSIDE_TRIM");
      }
      expect((await get(viewers["hs.minh"]!, `hls/${rendition}/seg-002.ts`)).status).toBe(200);
    }
    // The owner gets the same trimmed media: what was cut is cut for everyone until the trim changes.
    expect((await get(viewers["gv.lan"]!, "hls/source/seg-000.ts")).status).toBe(403);
    await setMaterial({ trimStartSec: null, trimEndSec: null, downloadTrimStartSec: null, downloadTrimEndSec: null });
    expect((await get(viewers["hs.minh"]!, "hls/source/seg-000.ts")).status).toBe(200);
  });

  it("holds back thumbnails and poster until they are made again for a new trim window", async () => {
    await setMaterial({ trimStartSec: 4 });
    expect((await get(viewers["hs.minh"]!, "poster.jpg")).status).toBe(404);
    expect((await get(viewers["gv.lan"]!, "poster.jpg")).status).toBe(404);
    await setMaterial({ downloadTrimStartSec: 4 });
    expect((await get(viewers["hs.minh"]!, "poster.jpg")).status).toBe(200);
    await setMaterial({ trimStartSec: null, downloadTrimStartSec: null });
  });

  it("never lets a shared cache keep anonymous media for long, since a material can be unpublished", async () => {
    await setMaterial({ visibility: "PUBLIC" });
    const segment = await get(null, "hls/source/seg-000.ts");
    expect(segment.status).toBe(200);
    expect(segment.headers.get("cache-control")).toBe("public, max-age=300");
    await setMaterial({ visibility: "ENROLLED" });
  });

  it("never serves the recorder's live folder once the recording is a material", async () => {
    await mkdir(join(root, "recordings/rec-media/live"), { recursive: true });
    await writeFile(join(root, "recordings/rec-media/live/index.m3u8"), "#EXTM3U\n");
    await writeFile(join(root, "recordings/rec-media/live/seg-r1-00000.ts"), "x");
    for (const path of ["live/index.m3u8", "live/seg-r1-00000.ts"]) expect((await get(viewers["canbo"]!, path)).status).toBe(404);
  });

  it("never serves paths outside the recording's media files", async () => {
    for (const path of ["../rec-other/poster.jpg", "hls/../../x.ts", "recorder.json", "chat.json", "hls/master.txt"]) {
      expect((await get(viewers["canbo"]!, path)).status).toBe(404);
    }
    expect((await get(viewers["canbo"]!, "poster.jpg", {}, "no-such-material")).status).toBe(404);
  });
});

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { atomId, ZOEmbedVideoSchema } from "@diemcau/connectors/news";
import { LocalDiskStorage } from "@diemcau/storage";
import { parseFeed } from "@rowanmanning/feed-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catchAppError } from "../api/to-api-response";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { answerOEmbed } from "./answer-oembed";
import { serveMaterialsFeed } from "./serve-materials-feed";

const base = "https://diemcau.example.vn";
const texts = { title: "Học liệu số mới", subtitle: "Sở GD&ĐT", authorName: "Điểm Cầu", gradeLabel: (grade: number) => `Lớp ${grade}` };

describe("the news portal's oEmbed answer and Atom feed on a real database", () => {
  let database: TestDatabase;
  let root: string;
  let media: LocalDiskStorage;
  const ids: Record<string, string> = {};

  const oembed = (query: Record<string, string>) =>
    catchAppError(() => answerOEmbed(database.db, media, { searchParams: new URLSearchParams(query), baseUrl: base, providerName: "Điểm Cầu" }));
  const feed = (query: Record<string, string> = {}, ifNoneMatch: string | null = null) =>
    catchAppError(() => serveMaterialsFeed(database.db, { searchParams: new URLSearchParams(query), baseUrl: base, ifNoneMatch, texts }));

  beforeAll(async () => {
    database = await createTestDatabase();
    root = await mkdtemp(join(tmpdir(), "diemcau-news-"));
    media = new LocalDiskStorage(root);
    // The poster the finalizer leaves, 320×180.
    await mkdir(join(root, "recordings/rec-public"), { recursive: true });
    await promisify(execFile)("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180", "-frames:v", "1", join(root, "recordings/rec-public/poster.jpg")]);
    const owner = await database.db.user.create({ data: { email: "gv.lan@example.test", name: "Cô Lan", role: "TEACHER", passwordHash: "x" } });
    const make = async (key: string, data: { title: string; visibility: "PUBLIC" | "INTERNAL"; published: boolean; subject?: string; grade?: number; publishedAt?: Date; posterKey?: string; description?: string }) => {
      ids[key] = (await database.db.material.create({ data: { ...data, ownerId: owner.id, tags: ["ôn tập"] } })).id;
    };
    await make("public", {
      title: "Phân số & số thập phân",
      description: "Bài giảng ôn tập cho lớp 5.",
      visibility: "PUBLIC",
      published: true,
      subject: "Toán",
      grade: 5,
      publishedAt: new Date("2026-11-30T02:00:00Z"),
      posterKey: "recordings/rec-public/poster.jpg",
    });
    await make("older", { title: "Văn tả cảnh", visibility: "PUBLIC", published: true, subject: "Ngữ văn", grade: 6, publishedAt: new Date("2026-11-01T00:00:00Z") });
    await make("internal", { title: "Họp nội bộ tuyệt mật", visibility: "INTERNAL", published: true });
    await make("draft", { title: "Bản nháp công khai", visibility: "PUBLIC", published: false });
  });

  afterAll(async () => {
    await database?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  describe("GET /oembed", () => {
    it("answers a published public material as oEmbed 1.0 video: iframe of /nhung/<id>, size, title and poster with its size", async () => {
      const response = await oembed({ url: `${base}/hoc-lieu/${ids.public}`, format: "json", maxwidth: "480" });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const answer = ZOEmbedVideoSchema.parse(await response.json());
      expect(answer).toMatchObject({
        type: "video",
        title: "Phân số & số thập phân",
        provider_name: "Điểm Cầu",
        width: 480,
        height: 270,
        thumbnail_url: `${base}/media/${ids.public}/poster.jpg`,
        thumbnail_width: 320,
        thumbnail_height: 180,
      });
      expect(answer.html).toContain(`src="${base}/nhung/${ids.public}"`);
    });

    it("answers 404 without the title for a restricted or unpublished material, an unknown one and another site's URL", async () => {
      for (const url of [`${base}/hoc-lieu/${ids.internal}`, `${base}/hoc-lieu/${ids.draft}`, `${base}/hoc-lieu/khong-co`, `https://evil.example/hoc-lieu/${ids.public}`]) {
        const response = await oembed({ url, format: "json" });
        expect(response.status, url).toBe(404);
        const body = await response.text();
        expect(body).toContain("OEMBED_NOT_FOUND");
        expect(body).not.toContain("tuyệt mật");
        expect(body).not.toContain("Bản nháp");
      }
    });

    it("answers 501 for format=xml, and 400 without a url", async () => {
      expect((await oembed({ url: `${base}/hoc-lieu/${ids.public}`, format: "xml" })).status).toBe(501);
      expect((await oembed({ format: "json" })).status).toBe(400);
    });
  });

  describe("GET /feeds/hoc-lieu.atom", () => {
    it("lists published public materials, newest first, with title, summary, thumbnail, link and stable ids", async () => {
      const response = await feed();
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
      const parsed = parseFeed(await response.text());
      expect(parsed.items.map((item) => item.title)).toEqual(["Phân số & số thập phân", "Văn tả cảnh"]);
      const [first] = parsed.items;
      expect(first).toMatchObject({ id: atomId(`material:${ids.public}`), url: `${base}/hoc-lieu/${ids.public}`, description: "Bài giảng ôn tập cho lớp 5." });
      expect(first!.image?.url).toBe(`${base}/media/${ids.public}/poster.jpg`);
      expect(first!.published?.toISOString()).toBe("2026-11-30T02:00:00.000Z");
      const stored = await database.db.material.findUniqueOrThrow({ where: { id: ids.public! } });
      expect(first!.updated?.getTime()).toBe(stored.updatedAt.getTime());
      expect(parsed.updated?.getTime()).toBe(Math.max(...parsed.items.map((item) => item.updated!.getTime())));
    });

    it("filters by subject (any case) and grade", async () => {
      const titles = async (query: Record<string, string>) => parseFeed(await (await feed(query)).text()).items.map((item) => item.title);
      expect(await titles({ subject: "toán" })).toEqual(["Phân số & số thập phân"]);
      expect(await titles({ grade: "6" })).toEqual(["Văn tả cảnh"]);
      expect(await titles({ subject: "Toán", grade: "6" })).toEqual([]);
      expect((await feed({ grade: "13" })).status).toBe(400);
    });

    it("answers 304 to its ETag until a listed material changes", async () => {
      const first = await feed();
      const etag = first.headers.get("etag")!;
      expect((await feed({}, etag)).status).toBe(304);
      expect((await feed({}, `W/${etag}, "other"`)).status).toBe(304);
      await database.db.material.update({ where: { id: ids.older! }, data: { title: "Văn tả cảnh mùa thu" } });
      const changed = await feed({}, etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
    });
  });
});

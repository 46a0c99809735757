import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NewsPublishError, type TNewsArticle } from "./publisher";
import { startWordPressSite, type TWordPressSite } from "./testing/wordpress-site";
import { WordPressPublisher } from "./wordpress-publisher";

/*
 * Against a real WordPress (Debian's package on PHP's built-in server, MariaDB), started here.
 * On a machine without them this fails, naming what is missing: it never skips.
 */
const PORT = Number(process.env.WORDPRESS_TEST_PORT ?? 8500);
const run = promisify(execFile);

describe("WordPressPublisher against a real WordPress", () => {
  let site: TWordPressSite;
  let publisher: WordPressPublisher;
  let article: TNewsArticle;
  let folder: string;
  const auth = () => ({ authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}` });
  const rest = async (route: string, query = "") => {
    const response = await fetch(`${site.url}/?rest_route=${route}${query}`, { headers: auth() });
    expect(response.status).toBe(200);
    return response.json() as Promise<Record<string, unknown> & Record<string, unknown>[]>;
  };

  beforeAll(async () => {
    site = await startWordPressSite({ port: PORT });
    publisher = new WordPressPublisher({ url: site.url, user: site.user, appPassword: site.appPassword });
    folder = await mkdtemp(join(tmpdir(), "diemcau-poster-"));
    const poster = join(folder, "poster.jpg");
    await run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180", "-frames:v", "1", poster]);
    article = {
      title: "Tập huấn chuyển đổi số – đợt 2",
      summary: "Buổi tập huấn cho cán bộ 9 điểm cầu.\n\nXem lại toàn bộ bài giảng.",
      materialUrl: "http://localhost:3000/hoc-lieu/cm1abc",
      basisLine: "Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo về việc tổ chức tập huấn.",
      poster: { bytes: new Uint8Array(await readFile(poster)), fileName: "poster.jpg", contentType: "image/jpeg" },
    };
  }, 60_000);

  afterAll(async () => {
    await site?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("publishes the title, summary as excerpt, basis line, the material URL on its own line and the poster as featured image", async () => {
    const published = await publisher.publish(article, "tap-huan-chuyen-doi-so-dot-2-k1");
    expect(published.url).toBe(`${site.url}/tap-huan-chuyen-doi-so-dot-2-k1/`);
    expect(published.title).toBe(article.title);
    expect(Math.abs(published.publishedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);

    const post = await rest(`/wp/v2/posts/${published.remoteId}`, "&context=edit");
    expect(post.status).toBe("publish");
    const raw = (post.content as { raw: string }).raw;
    expect(raw).toContain("<p>Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024");
    expect(raw.split("\n")).toContain(article.materialUrl);
    expect((post.excerpt as { raw: string }).raw).toBe(article.summary);
    const media = await rest(`/wp/v2/media/${post.featured_media as number}`);
    expect(media.media_type).toBe("image");
    const image = await fetch(media.source_url as string);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(article.poster!.bytes))).toBe(true);

    // The rendered article, as a reader gets it.
    const page = await (await fetch(published.url)).text();
    expect(page).toContain("Buổi tập huấn cho cán bộ 9 điểm cầu.");
  });

  it("publishes once per key: a retry returns the first article and uploads no second poster", async () => {
    const key = "hop-bao-cao-k2";
    const first = await publisher.publish({ ...article, title: "Họp báo cáo" }, key);
    // As if the job died after WordPress saved the post but before the link was stored.
    const again = await publisher.publish({ ...article, title: "Họp báo cáo" }, key);
    expect(again).toEqual(first);
    const posts = await rest("/wp/v2/posts", `&slug=${key}&status=publish,draft,pending,private,future`);
    expect(posts).toHaveLength(1);
    const media = await rest("/wp/v2/media", `&slug=${key}-anh`);
    expect(media).toHaveLength(1);
  });

  it("uses the poster an earlier attempt uploaded before it failed", async () => {
    const key = "bai-giang-k3";
    // The earlier attempt: the upload went through, then the job died before the post.
    const upload = await fetch(`${site.url}/?rest_route=/wp/v2/media`, {
      method: "POST",
      headers: { ...auth(), "content-type": "image/jpeg", "content-disposition": `attachment; filename="${key}-anh.jpg"` },
      body: article.poster!.bytes,
    });
    expect(upload.status).toBe(201);
    const uploaded = (await upload.json()) as { id: number };

    await publisher.publish({ ...article, title: "Bài giảng" }, key);
    const post = (await rest("/wp/v2/posts", `&slug=${key}`))[0]!;
    expect(post.featured_media).toBe(uploaded.id);
    expect(await rest("/wp/v2/media", `&slug=${key}-anh`)).toHaveLength(1);
  });

  it("refuses for good a wrong application password", async () => {
    const wrong = new WordPressPublisher({ url: site.url, user: site.user, appPassword: "aaaa bbbb cccc dddd eeee ffff" });
    const error = await wrong.publish(article, "sai-mat-khau-k4").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NewsPublishError);
    expect(error).toMatchObject({ code: "PORTAL_AUTH_FAILED", retryable: false });
  });

  it("counts a portal that does not answer as unreachable, worth a retry", async () => {
    const closed = new WordPressPublisher({ url: "http://127.0.0.1:9", user: "admin", appPassword: "x", timeoutMs: 2000 });
    const error = await closed.publish(article, "khong-ket-noi-k5").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "PORTAL_UNREACHABLE", retryable: true });
  });
});

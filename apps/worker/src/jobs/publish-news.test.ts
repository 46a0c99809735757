import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { WordPressPublisher } from "@diemcau/connectors/news";
import { startWordPressSite, type TWordPressSite } from "@diemcau/connectors/news/testing";
import { finalRecordingKeys } from "@diemcau/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollRelatedNews } from "./poll-related-news";
import { publishNews, type TPublishNewsDeps } from "./publish-news";
import { useJobTestBed } from "./testing/job-test-bed";
import { createRecordingFixture } from "./testing/recording-fixture";

/*
 * news.publish and news.poll against a real WordPress (Debian's package on PHP's built-in
 * server and MariaDB), started here; on a machine without them the suite fails, naming what is
 * missing, rather than skipping.
 */
const PORT = Number(process.env.WORDPRESS_WORKER_TEST_PORT ?? 8502);
const PUBLIC_URL = "https://hop.sgddt.example.vn";
const run = promisify(execFile);

describe("news.publish and news.poll against a real WordPress", () => {
  const bed = useJobTestBed("diemcau-news-");
  let site: TWordPressSite;
  let deps: TPublishNewsDeps;
  const first = { retryCount: 0, retryLimit: 4 };
  const last = { retryCount: 4, retryLimit: 4 };

  const rest = async (route: string) => {
    const response = await fetch(`${site.url}/?rest_route=${route}`, {
      headers: { authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}` },
    });
    return (await response.json()) as Record<string, unknown> & Record<string, unknown>[];
  };

  /** A finalized conference recording with its poster, made into a published public material, queued for the portal. */
  const queuedMaterial = async (title: string) => {
    const { recordingId, event } = await createRecordingFixture(bed.db, { status: "READY", kind: "CONFERENCE" });
    const posterKey = finalRecordingKeys.poster(recordingId);
    const poster = bed.local.localPath(posterKey)!;
    await bed.local.put(posterKey, new Uint8Array());
    await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180", "-frames:v", "1", poster]);
    const material = await bed.db.material.create({
      data: { title, description: "Hội nghị trực tuyến với 9 điểm cầu.", ownerId: event.hostId, recordingId, posterKey, visibility: "PUBLIC", published: true },
    });
    const suffix = Math.random().toString(36).slice(2, 8);
    const link = await bed.db.newsLink.create({
      data: { materialId: material.id, kind: "PUBLISHED", status: "PENDING", idempotencyKey: `hoi-nghi-${suffix}` },
    });
    return { material, event, link };
  };

  beforeAll(async () => {
    site = await startWordPressSite({ port: PORT });
    deps = { db: bed.db, media: bed.local, publisher: new WordPressPublisher({ url: site.url, user: site.user, appPassword: site.appPassword }), publicUrl: PUBLIC_URL };
  }, 60_000);

  afterAll(async () => {
    await site?.stop();
  });

  it("publishes the article with poster and basis line, and stores its URL on the material's link", async () => {
    const { material, event, link } = await queuedMaterial("Hội nghị triển khai nhiệm vụ năm học");
    await bed.db.documentLink.create({
      data: {
        eventId: event.id,
        numberNotation: "1234/SGDĐT-VP",
        issuer: "Sở Giáo dục và Đào tạo",
        documentType: "Công văn",
        promulgatedOn: new Date("2024-09-05T00:00:00Z"),
        source: "EDXML",
        subject: "V/v tổ chức hội nghị triển khai nhiệm vụ năm học",
      },
    });
    expect(await publishNews(deps, { newsLinkId: link.id }, first)).toMatch(/^published to wordpress: /);

    const stored = await bed.db.newsLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored).toMatchObject({ status: "PUBLISHED", url: `${site.url}/${link.idempotencyKey}/`, title: material.title, attempts: 1, errorCode: null });
    const post = await rest(`/wp/v2/posts/${stored.remoteId}&context=edit`);
    const content = (post.content as { raw: string }).raw;
    expect(content).toContain("Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo về việc tổ chức hội nghị triển khai nhiệm vụ năm học.");
    expect(content.split("\n")).toContain(`${PUBLIC_URL}/hoc-lieu/${material.id}`);
    expect(post.featured_media).toBeGreaterThan(0);

    // A second delivery of the same job changes nothing.
    expect(await publishNews(deps, { newsLinkId: link.id }, first)).toBeNull();
  });

  it("makes no second article when an attempt dies after WordPress saved it", async () => {
    const { link } = await queuedMaterial("Tập huấn giáo viên cốt cán");
    await publishNews(deps, { newsLinkId: link.id }, first);
    const saved = await bed.db.newsLink.findUniqueOrThrow({ where: { id: link.id } });
    // As if the worker died before storing the result: pg-boss runs the job again.
    await bed.db.newsLink.update({ where: { id: link.id }, data: { status: "PENDING", url: null, remoteId: null } });
    await publishNews(deps, { newsLinkId: link.id }, { retryCount: 1, retryLimit: 4 });
    const again = await bed.db.newsLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(again).toMatchObject({ status: "PUBLISHED", remoteId: saved.remoteId, url: saved.url, attempts: 2 });
    expect(await rest(`/wp/v2/posts&slug=${link.idempotencyKey}&status=publish,draft,pending,private,future`)).toHaveLength(1);
  });

  it("shows each failed attempt on the link, retries while the portal may recover, and fails it after the last", async () => {
    const { link } = await queuedMaterial("Họp giao ban trực tuyến tháng 10");
    const down = { ...deps, publisher: new WordPressPublisher({ url: "http://127.0.0.1:9", user: "admin", appPassword: "x" }) };
    await expect(publishNews(down, { newsLinkId: link.id }, first)).rejects.toMatchObject({ code: "PORTAL_UNREACHABLE" });
    expect(await bed.db.newsLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      status: "PENDING",
      errorCode: "PORTAL_UNREACHABLE",
      error: "Không kết nối được cổng thông tin điện tử.",
      attempts: 1,
    });
    expect(await publishNews(down, { newsLinkId: link.id }, last)).toBe("not published (PORTAL_UNREACHABLE)");
    expect(await bed.db.newsLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ status: "FAILED", attempts: 2, url: null });
  });

  it("fails at once, sending nothing, for a wrong password or a material no longer public", async () => {
    const wrong = await queuedMaterial("Sai mật khẩu");
    const badAuth = { ...deps, publisher: new WordPressPublisher({ url: site.url, user: site.user, appPassword: "aaaa bbbb cccc dddd" }) };
    expect(await publishNews(badAuth, { newsLinkId: wrong.link.id }, first)).toBe("not published (PORTAL_AUTH_FAILED)");
    expect(await bed.db.newsLink.findUniqueOrThrow({ where: { id: wrong.link.id } })).toMatchObject({ status: "FAILED", errorCode: "PORTAL_AUTH_FAILED" });

    const hidden = await queuedMaterial("Đã chuyển về nội bộ");
    await bed.db.material.update({ where: { id: hidden.material.id }, data: { visibility: "INTERNAL" } });
    expect(await publishNews(deps, { newsLinkId: hidden.link.id }, first)).toBe("not published (NEWS_MATERIAL_GONE)");
    expect(await rest(`/wp/v2/posts&slug=${hidden.link.idempotencyKey}`)).toHaveLength(0);
  });

  it("links the portal's articles that mention a material's event or document as related, once", async () => {
    const { material, event } = await queuedMaterial("Bản ghi hội nghị chuyển đổi số");
    await bed.db.event.update({ where: { id: event.id }, data: { title: "Hội nghị chuyển đổi số ngành giáo dục 2026" } });
    const other = await queuedMaterial("Bản ghi tập huấn");
    await bed.db.documentLink.create({ data: { materialId: other.material.id, numberNotation: "88/KH-SGDĐT", issuer: "Sở GD&ĐT", subject: "Kế hoạch tập huấn", source: "MANUAL" } });
    const auth = { authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}`, "content-type": "application/json" };
    for (const post of [
      { title: "Khai mạc Hội nghị chuyển đổi số ngành giáo dục 2026", content: "<p>Sáng nay, tại hội trường Sở…</p>" },
      { title: "Triển khai tập huấn", content: "<p>Thực hiện Kế hoạch số 88/KH-SGDĐT của Sở…</p>" },
      { title: "Tin không liên quan", content: "<p>Lịch nghỉ Tết.</p>" },
    ]) {
      const response = await fetch(`${site.url}/?rest_route=/wp/v2/posts`, { method: "POST", headers: auth, body: JSON.stringify({ ...post, status: "publish" }) });
      expect(response.status).toBe(201);
    }
    const feedUrl = `${site.url}/?feed=rss2`;
    const polled = await pollRelatedNews(bed.db, feedUrl);
    expect(polled.linked).toBeGreaterThanOrEqual(2);
    const related = (materialId: string) => bed.db.newsLink.findMany({ where: { materialId, kind: "RELATED" }, select: { title: true, url: true } });
    expect((await related(material.id)).map((link) => link.title)).toEqual(["Khai mạc Hội nghị chuyển đổi số ngành giáo dục 2026"]);
    expect((await related(other.material.id)).map((link) => link.title)).toEqual(["Triển khai tập huấn"]);

    const count = await bed.db.newsLink.count();
    expect(await pollRelatedNews(bed.db, feedUrl)).toMatchObject({ linked: 0 });
    expect(await bed.db.newsLink.count()).toBe(count);
  });
});

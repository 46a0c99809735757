import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Frame, type Page } from "@playwright/test";
import { parseFeed } from "@rowanmanning/feed-parser";
import oembetterFactory from "oembetter";
import pg from "pg";
import { makeRecordingFixture } from "../apps/web/lib/testing/make-recording-fixture";
import { startWordPressSite, type TWordPressSite } from "../packages/connectors/src/news/testing/wordpress-site";
import { e2eBaseUrl } from "../playwright.config";
import { signIn } from "./fixtures";
import { DATABASE_URL, STORAGE_DIR } from "./recording-media";

/*
 * The news portal's side of a material: the oEmbed answer and its discovery as a consumer library
 * sees them, the embed player framed by an allowed origin and refused by any other, and a real
 * WordPress (started here; this spec fails on a machine without it) that embeds the player and
 * takes the article staff publish.
 */

const PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT);
const WORDPRESS_PORT = Number(process.env.E2E_WORDPRESS_PORT);
const WEB_PORT = Number(new URL(e2eBaseUrl).port);

type TMaterial = { id: string; title: string; url: string };

/** A published public material with a 4-second HLS recording, poster and captions, written where the stack reads them. */
async function createPublicMaterial(title: string, visibility: "PUBLIC" | "INTERNAL" = "PUBLIC"): Promise<TMaterial> {
  const id = `e2e${randomBytes(8).toString("hex")}`;
  await makeRecordingFixture(STORAGE_DIR, id, 4);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const owner = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'gv.lan@diemcau.local'`);
    await client.query(
      `INSERT INTO "Recording" (id, status, progress, "storagePrefix", source, "durationSec") VALUES ($1, 'READY', 100, $2, 'UPLOAD', 4)`,
      [id, `recordings/${id}`],
    );
    await client.query(
      `INSERT INTO "Material" (id, title, description, visibility, published, "publishedAt", "posterKey", "ownerId", "recordingId", "updatedAt")
       VALUES ($1, $2, 'Bài giảng mẫu cho cổng thông tin.', $3, true, now(), $4, $5, $1, now())`,
      [id, title, visibility, `recordings/${id}/poster.jpg`, owner.rows[0]!.id],
    );
    await client.query(`INSERT INTO "TranscriptSegment" (id, "materialId", "startSec", "endSec", text, source) VALUES ($1, $2, 0, 3, 'Xin chào các em', 'UPLOAD')`, [
      `${id}-cap`,
      id,
    ]);
  } finally {
    await client.end();
  }
  return { id, title, url: `${e2eBaseUrl}/hoc-lieu/${id}` };
}

/** A page on another origin of this machine: the HTML it is given, at "/". */
async function startHostPage(port: number, html: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title></head><body>${html}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Plays a video in a frame (muted, so no gesture is needed) and waits until its time passes 1 s. */
async function expectFramePlays(frame: Frame, selector = "video"): Promise<void> {
  const video = frame.locator(selector);
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    void element.play();
  });
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 20_000, message: "the framed player plays" }).toBeGreaterThan(1);
}

/** The frame of the page's first iframe once it has loaded, whatever it loaded. */
async function firstFrame(page: Page): Promise<Frame> {
  const handle = await page.locator("iframe").first().elementHandle();
  const frame = await handle!.contentFrame();
  await frame!.waitForLoadState("load");
  return frame!;
}

function oembed(url: string, options: Record<string, number> = {}): Promise<Record<string, unknown>> {
  const consumer = oembetterFactory();
  consumer.allowlist(["localhost"]);
  return new Promise((resolve, reject) => consumer.fetch(url, options, (error: Error | null, response: Record<string, unknown>) => (error ? reject(error) : resolve(response))));
}

test.describe("the news portal", () => {
  let material: TMaterial;
  let wordpress: TWordPressSite;

  test.beforeAll(async () => {
    expect(STORAGE_DIR, "playwright.config.ts gives the stack a media folder").not.toBe("");
    material = await createPublicMaterial(`Phân số bằng nhau (e2e ${Date.now()})`);
    wordpress = await startWordPressSite({ port: WORDPRESS_PORT, appPassword: process.env.E2E_WORDPRESS_APP_PASSWORD, allowLocalPorts: [WEB_PORT] });
  });

  test.afterAll(async () => {
    await wordpress?.stop();
  });

  test("an oEmbed consumer discovers the material's oEmbed link and gets its player; restricted materials and XML are refused", async ({ request }) => {
    const answer = await oembed(material.url, { maxwidth: 480 });
    expect(answer).toMatchObject({ version: "1.0", type: "video", title: material.title, provider_name: "Điểm Cầu", width: 480, height: 270 });
    expect(answer.html).toContain(`src="${e2eBaseUrl}/nhung/${material.id}"`);
    expect(answer.thumbnail_url).toBe(`${e2eBaseUrl}/media/${material.id}/poster.jpg`);
    expect((await request.get(answer.thumbnail_url as string)).headers()["content-type"]).toBe("image/jpeg");

    const hidden = await createPublicMaterial("Họp nội bộ không công khai", "INTERNAL");
    const refused = await request.get(`/oembed?url=${encodeURIComponent(hidden.url)}&format=json`);
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toContain("nội bộ");
    expect((await request.get(`/oembed?url=${encodeURIComponent(`${e2eBaseUrl}/hoc-lieu/khong-co`)}&format=json`)).status()).toBe(404);
    expect((await request.get(`/oembed?url=${encodeURIComponent(material.url)}&format=xml`)).status()).toBe(501);

    // The Atom feed lists it too.
    const feed = parseFeed(await (await request.get("/feeds/hoc-lieu.atom")).text());
    expect(feed.items.find((item) => item.url === material.url)?.title).toBe(material.title);
  });

  test("the embed player plays framed by an allowed portal origin; any other origin, and any other page, is refused", async ({ page }) => {
    const frameHtml = (path: string) => `<iframe src="${e2eBaseUrl}${path}" width="640" height="360" title="player"></iframe>`;
    const allowed = await startHostPage(PORTAL_PORT, frameHtml(`/nhung/${material.id}`));
    const stranger = await startHostPage(0, frameHtml(`/nhung/${material.id}`));
    const framedPage = await startHostPage(0, frameHtml(`/hoc-lieu/${material.id}`));
    try {
      await page.goto(allowed.origin);
      const player = await firstFrame(page);
      expect(player.url()).toBe(`${e2eBaseUrl}/nhung/${material.id}`);
      await expect(player.getByTestId("embed-video")).toBeVisible();
      // No site chrome: no header, menu or footer in the frame.
      await expect(player.locator("header, nav, footer")).toHaveCount(0);
      await expect(player.locator("track[kind=captions]")).toHaveCount(1);
      await expectFramePlays(player);

      for (const host of [stranger, framedPage]) {
        await page.goto(host.origin);
        const refused = await firstFrame(page);
        expect(refused.url(), `${host.origin} must not show our page`).toBe("chrome-error://chromewebdata/");
      }
    } finally {
      for (const host of [allowed, stranger, framedPage]) host.server.close();
    }
  });

  test("WordPress embeds the material from its URL on a line of its own, and the player plays in WordPress's sandboxed iframe", async ({ page }) => {
    const auth = { authorization: `Basic ${Buffer.from(`${wordpress.user}:${wordpress.appPassword}`).toString("base64")}`, "content-type": "application/json" };
    const created = await fetch(`${wordpress.url}/?rest_route=/wp/v2/posts`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ title: "Bài giảng trên cổng", status: "publish", content: `<p>Mời xem bài giảng.</p>\n\n${material.url}\n\n` }),
    });
    expect(created.status).toBe(201);
    const { link } = (await created.json()) as { link: string };
    await page.goto(link);
    const iframe = page.locator(`iframe[src^="${e2eBaseUrl}/nhung/${material.id}"]`);
    await expect(iframe, "WordPress found the oEmbed link in the page's head and embedded the player").toHaveCount(1);
    expect(await iframe.getAttribute("sandbox")).toBe("allow-scripts");
    const player = await firstFrame(page);
    await expectFramePlays(player);
  });

  test("staff publish the material to WordPress from its page; the article carries it and shows on the material", async ({ page }) => {
    const article = await createPublicMaterial(`Tập huấn chuyển đổi số (e2e ${Date.now()})`);
    await signIn(page, "staff");
    await page.goto(`/hoc-lieu/${article.id}`);
    await page.getByRole("button", { name: "Đăng bài lên cổng thông tin" }).click();
    const published = page.getByTestId("news-article").getByRole("link");
    await expect(published).toHaveText(article.title, { timeout: 30_000 });
    const href = (await published.getAttribute("href"))!;
    expect(href.startsWith(`${wordpress.url}/`)).toBe(true);
    await expect(page.getByRole("button", { name: "Đăng bài lên cổng thông tin" })).toHaveCount(0);

    const post = await page.context().newPage();
    await post.goto(href);
    await expect(post.getByRole("heading", { name: article.title })).toBeVisible();
    await expect(post.locator(`iframe[src^="${e2eBaseUrl}/nhung/${article.id}"]`)).toHaveCount(1);
    await expect(post.locator("img.wp-post-image")).toHaveCount(1);
  });

  test("a publication that fails shows on the material with the portal's error, to be tried again", async ({ page }) => {
    // The portal goes down (afterAll's stop then has nothing left to do).
    await wordpress.stop();
    const unlucky = await createPublicMaterial(`Họp giao ban (e2e ${Date.now()})`);
    await signIn(page, "staff");
    await page.goto(`/hoc-lieu/${unlucky.id}`);
    await page.getByRole("button", { name: "Đăng bài lên cổng thông tin" }).click();
    await expect(page.getByTestId("news-pending")).toContainText("Không kết nối được cổng thông tin điện tử", { timeout: 30_000 });
    await expect(page.getByTestId("news-article")).toHaveCount(0);
  });
});

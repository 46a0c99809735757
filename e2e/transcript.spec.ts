import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures";

/*
 * The demo lessons npm start makes on first start (apps/worker/src/demo): their narration's
 * captions in the transcript panel beside the player, and a teacher replacing a lesson's captions
 * from the edit page. The lessons are finalized by the worker after start, so pages are reloaded
 * until the player is there.
 */

const PANEL_LESSON = "/hoc-lieu/demo-lesson-quy-dong-mau-so";
const UPLOAD_LESSON = "/hoc-lieu/demo-lesson-que-huong-quang-tri";

async function openWhenPlayable(page: Page, path: string): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByTestId("material-video")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
}

const currentTime = (page: Page) => page.getByTestId("material-video").evaluate((video: HTMLVideoElement) => video.currentTime);

test("the transcript panel: a click on a line seeks the video there, the spoken line is highlighted, and the filter finds words without diacritics", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "teacher");
  await openWhenPlayable(page, PANEL_LESSON);
  await expect(page.getByTestId("demo-material-badge")).toBeVisible();

  const panel = page.getByTestId("transcript-panel");
  const lines = panel.getByTestId("transcript-line");
  await expect(lines.filter({ hasText: "Mẫu số chung nhỏ nhất của hai và ba là sáu." })).toHaveCount(1);
  const target = lines.filter({ hasText: "Một phần hai bằng ba phần sáu" });
  const start = Number(await target.getAttribute("data-start"));
  expect(start).toBeGreaterThan(5);

  await target.click();
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(start - 0.1);
  expect(await currentTime(page)).toBeLessThan(start + 3);
  await page.getByTestId("material-video").evaluate((video: HTMLVideoElement) => video.pause());
  await expect(target).toHaveAttribute("aria-current", "true");

  await panel.getByRole("searchbox").fill("mau so chung");
  await expect(lines.filter({ hasText: "Mẫu số chung nhỏ nhất của hai và ba là sáu." })).toHaveCount(1);
  // Only matching lines stay: the narration's, and the slide's once the worker has read it.
  for (const text of await lines.allTextContents()) expect(text).toMatch(/[Mm]ẫu số chung/);
  await panel.getByRole("searchbox").fill("khong co trong bai");
  await expect(lines).toHaveCount(0);
  await expect(panel.getByRole("status")).toHaveText("Không có dòng nào khớp.");
});

test("a teacher uploads captions: a bad file is refused with its line and changes nothing, a good SRT replaces the captions", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "teacher");
  await openWhenPlayable(page, UPLOAD_LESSON);
  await page.goto(`${UPLOAD_LESSON}/sua`);
  const form = page.locator("#phu-de");
  const file = form.getByLabel("Tệp phụ đề (WebVTT .vtt hoặc SRT .srt, UTF-8)");
  const upload = async (name: string, text: string) => {
    await file.setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
    await form.getByRole("button", { name: "Tải phụ đề lên" }).click();
  };

  await upload("loi.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nDòng một\n\n00:00:04.000 --> 00:00:0x.000\nDòng hai\n");
  await expect(form.getByRole("alert")).toContainText("dòng 6");

  await upload("que-huong.srt", "1\n00:00:00,500 --> 00:00:03,000\nSông Thạch Hãn chảy qua Quảng Trị.\n\n2\n00:00:03,500 --> 00:00:06,000\nCửa Việt ở ven biển.\n");
  await expect(form.getByRole("status")).toContainText("Đã lưu 2 câu phụ đề");

  await page.goto(UPLOAD_LESSON);
  const lines = page.getByTestId("transcript-panel").getByTestId("transcript-line");
  await expect(lines.filter({ hasText: "Cửa Việt ở ven biển." })).toHaveCount(1);
  await expect(lines.filter({ hasText: "Tỉnh Quảng Trị có thành phố Đông Hà" })).toHaveCount(0);
  const track = await page.request.get(`/api/materials/demo-lesson-que-huong-quang-tri/captions.vtt`);
  expect(await track.text()).toContain("00:00:03.500 --> 00:00:06.000\nCửa Việt ở ven biển.");
});

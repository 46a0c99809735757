import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { materialMediaDir, STORAGE_DIR } from "./recording-media";

/** Four seconds of test pattern with a tone, small: what a teacher uploads, made here by ffmpeg. */
function makeVideo(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15", "-f", "lavfi", "-i", "sine=frequency=440",
    "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac", "-shortest", file]);
  return readFileSync(file);
}

test("an uploaded material is signed by the department, verifies, and a changed segment fails verification by name", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, "teacher");
  const upload = await page.request.post(`/api/materials/upload?title=${encodeURIComponent("Bài giảng được ký số")}&filename=bai-giang.mp4`, {
    data: makeVideo(testInfo.outputPath("bai-giang.mp4")),
    // A tool's request, not a page's: it names this site as its origin, as the upload form's would.
    headers: { "content-type": "video/mp4", origin: new URL(page.url()).origin },
  });
  expect(upload.status()).toBe(201);
  const { materialId } = (await upload.json()) as { materialId: string };

  // The worker finalizes the upload, then signs its manifest.
  await expect(async () => {
    await page.goto(`/hoc-lieu/${materialId}`);
    await expect(page.getByTestId("material-signature")).toContainText("Đã ký số bởi Sở GD&ĐT Quảng Trị (chứng thư thử nghiệm) lúc", { timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByTestId("material-signature")).toContainText(/lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

  await page.getByRole("link", { name: "Xác minh" }).click();
  await expect(page).toHaveURL(new RegExp(`/hoc-lieu/${materialId}/xac-minh$`));
  await expect(page.getByTestId("verification")).toHaveAttribute("data-status", "VALID");
  await expect(page.getByTestId("verification")).toContainText("Học liệu nguyên vẹn");

  // Someone with access to the media folder swaps the bytes of one segment.
  const manifest = JSON.parse(readFileSync(join(STORAGE_DIR, "materials", materialId, "manifest.json"), "utf8")) as { files: { path: string; kind: string }[] };
  const segment = manifest.files.find((file) => file.kind === "segment")!.path;
  writeFileSync(join(await materialMediaDir(materialId), segment), "không phải video");

  await page.reload();
  await expect(page.getByTestId("verification")).toHaveAttribute("data-status", "INVALID");
  await expect(page.getByTestId("verification-problems")).toContainText(`Đoạn video ${segment} đã bị thay đổi sau khi ký.`);
});

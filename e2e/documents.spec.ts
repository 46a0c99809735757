import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "./fixtures";

/** The stack's database: DATABASE_URL (npm test), else the embedded one playwright.config.ts starts. */
const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54339/postgres";

/** The realistic package the connector's own tests read (Playwright cannot import the ESM workspace package). */
function samplePackage(): Buffer {
  const root = dirname(test.info().config.configFile!);
  return readFileSync(resolve(root, "packages/connectors/src/documents/testing/cong-van-1234-SGDDT-VP.edxml"));
}

async function trainingEventId(): Promise<string> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Event" WHERE "roomName" = 'demo-tap-huan-chuyen-doi-so'`);
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

const BASIS =
  "Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo về việc tổ chức hội nghị trực tuyến triển khai nhiệm vụ năm học 2024-2025";

test("staff import an edXML package on an event and see the basis line; the attendance goes back as edXML", async ({ page }) => {
  const eventId = await trainingEventId();
  await signIn(page, "staff");
  await page.goto(`/su-kien/${eventId}`);
  const documents = page.getByRole("region", { name: "Văn bản căn cứ" });
  await expect(documents.getByText("Chưa có văn bản nào.")).toBeVisible();
  const editor = page.getByTestId("document-editor");

  // A package with an external entity naming a local file is refused, and nothing is filled in.
  await editor.getByLabel("Nhập từ tệp edXML").setInputFiles({
    name: "xxe.edxml",
    mimeType: "application/xml",
    buffer: Buffer.from('<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&x;</edXML>'),
  });
  await expect(editor.getByRole("alert")).toHaveText(
    "Gói tin edXML không được chứa khai báo DOCTYPE hay thực thể (ENTITY); tệp đã bị từ chối mà không xử lý thực thể nào.",
  );
  await expect(editor.getByLabel("Số, ký hiệu")).toHaveValue("");

  await editor.getByLabel("Nhập từ tệp edXML").setInputFiles({ name: "cong-van-1234.edxml", mimeType: "application/xml", buffer: samplePackage() });
  await expect(editor.getByLabel("Số, ký hiệu")).toHaveValue("1234/SGDĐT-VP");
  await expect(editor.getByLabel("Ngày ban hành")).toHaveValue("2024-09-05");
  await expect(editor.getByLabel("Người ký", { exact: true })).toHaveValue("Lê Thị Hồng Nhung");
  await expect(page.getByTestId("document-source")).toContainText("Tệp đính kèm: 1234-SGDĐT-VP.signed.pdf");
  await editor.getByRole("button", { name: "Đính kèm văn bản" }).click();

  const line = documents.getByTestId("basis-line");
  await expect(line).toHaveText(BASIS);
  await expect(line.getByRole("link", { name: "1234/SGDĐT-VP" })).toHaveAttribute("href", "http://vanban.invalid/van-ban?so=1234%2FSGD%C4%90T-VP");
  await expect(documents).toContainText("Người ký: Phó Giám đốc Lê Thị Hồng Nhung · Tệp đính kèm: 1234-SGDĐT-VP.signed.pdf · Đọc từ gói edXML");
  await expect(editor.getByLabel("Số, ký hiệu")).toHaveValue("");

  // Attaching it again is refused precisely.
  await editor.getByLabel("Nhập từ tệp edXML").setInputFiles({ name: "cong-van-1234.edxml", mimeType: "application/xml", buffer: samplePackage() });
  await expect(editor.getByLabel("Số, ký hiệu")).toHaveValue("1234/SGDĐT-VP");
  await editor.getByRole("button", { name: "Đính kèm văn bản" }).click();
  await expect(editor.getByRole("alert")).toHaveText("Văn bản số 1234/SGDĐT-VP đã được đính kèm.");
  await page.reload();
  await expect(documents.getByTestId("basis-line")).toHaveCount(1);

  // After the training: the attendance report as an edXML package, with what the clerk still fills named.
  await page.goto(`/su-kien/${eventId}/diem-danh`);
  await expect(page.locator("#edxml-help")).toContainText("số và ký hiệu văn bản (Code/CodeNumber, Code/CodeNotation), nơi nhận (To), người ký và chức vụ");
  const report = await page.request.get(await page.getByRole("link", { name: "Gói edXML (gửi qua hệ thống quản lý văn bản)" }).getAttribute("href").then(String));
  expect(report.headers()["content-type"]).toBe("application/xml; charset=utf-8");
  const xml = await report.text();
  expect(xml).toContain('<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"');
  expect(xml).toContain("<Subject>Báo cáo điểm danh Tập huấn chuyển đổi số trong dạy học ngày ");
  expect(xml).toMatch(/<ContentTransferEncoded>UEsDB[A-Za-z0-9+/=]+<\/ContentTransferEncoded>/);
});

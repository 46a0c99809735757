import { readFile } from "node:fs/promises";
import { expect, request, test } from "@playwright/test";
import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import pg from "pg";
import { signIn } from "./fixtures";

// Staff read the statistics of a period with a conference held yesterday, see its charts and
// download them; an administrator makes a service token, the IOC API answers with it (checked
// against the OpenAPI document the app serves) and refuses it once it is revoked.

/** The stack's database: DATABASE_URL (npm test), else the embedded one playwright.config.ts starts. */
const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54339/postgres";
const DAY = 86_400_000;
const localDay = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A conference held yesterday (8:00–10:00 in Hà Nội time) with Đông Hà on time and Cam Lộ invited but absent. */
async function holdConferenceYesterday(run: string): Promise<{ from: string; to: string }> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const yesterday = localDay(new Date(Date.now() - DAY));
    const startsAt = new Date(`${yesterday}T01:00:00Z`);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const ids = await client.query<{ host: string; dongHa: string; dongHaPoint: string; camLoPoint: string }>(
      `SELECT (SELECT id FROM "User" WHERE email = 'canbo@diemcau.local') AS host,
              (SELECT id FROM "User" WHERE email = 'dongha@diemcau.local') AS "dongHa",
              (SELECT "bridgePointId" FROM "User" WHERE email = 'dongha@diemcau.local') AS "dongHaPoint",
              (SELECT "bridgePointId" FROM "User" WHERE email = 'camlo@diemcau.local') AS "camLoPoint"`,
    );
    const { host, dongHa, dongHaPoint, camLoPoint } = ids.rows[0]!;
    const eventId = `e2e-stats-${run}`;
    await client.query(
      `INSERT INTO "Event" (id, kind, title, "startsAt", "endsAt", status, "roomName", "hostId", "updatedAt")
       VALUES ($1, 'CONFERENCE', 'Hội nghị thống kê e2e', $2, $3, 'ENDED', $1, $4, now())`,
      [eventId, startsAt, endsAt, host],
    );
    await client.query(`INSERT INTO "EventBridgePoint" ("eventId", "bridgePointId") VALUES ($1, $2), ($1, $3)`, [eventId, dongHaPoint, camLoPoint]);
    await client.query(
      `INSERT INTO "Attendance" (id, "eventId", "userId", "bridgePointId", "displayName", "meetingRole", "joinedAt", "leftAt")
       VALUES ($1 || '-host', $1, $2, NULL, 'Cán bộ Sở', 'HOST', $4, $5), ($1 || '-dh', $1, $3, $6, 'Điểm cầu Đông Hà', 'ATTENDEE', $4, $5)`,
      [eventId, host, dongHa, new Date(startsAt.getTime() + 2 * 60_000), endsAt, dongHaPoint],
    );
    return { from: localDay(new Date(Date.now() - 2 * DAY)), to: localDay(new Date()) };
  } finally {
    await client.end();
  }
}

test("staff see the period's figures and charts and download them as CSV and XLSX", async ({ page }) => {
  const { from, to } = await holdConferenceYesterday(`${Date.now().toString(36)}-staff`);
  await signIn(page, "staff");
  await page.goto(`/thong-ke?period=range&from=${from}&to=${to}&groupBy=district`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thống kê");
  const [y1, m1, d1] = from.split("-");
  await expect(page.getByTestId("statistics-period")).toContainText(`${d1}/${m1}/${y1}`);
  const conferences = page.getByTestId("statistics-totals").locator('[data-figure="conferences"] .stat__value');
  expect(Number(await conferences.textContent())).toBeGreaterThanOrEqual(1);
  // Both charts drew (recharts renders SVG in the browser).
  await expect(page.getByTestId("trend-chart").locator("svg.recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("comparison-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("statistics-rows").getByRole("row", { name: /Đông Hà/ })).toBeVisible();
  const bridgePoints = page.getByTestId("statistics-bridge-points");
  await expect(bridgePoints.getByRole("row", { name: /Cam Lộ/ })).toBeVisible();

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải CSV" }).click();
  const csv = await readFile((await (await csvDownload).path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString("utf8");
  expect(text).toContain("Huyện/thị xã/thành phố,Hội nghị");
  expect(text).toMatch(/\r\nĐông Hà,\d+/);
  expect(text).toContain("Tổng cộng");

  const xlsxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải Excel (XLSX)" }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect((await readFile((await xlsx.path())!)).subarray(0, 2).toString("latin1")).toBe("PK");
});

test("an administrator's service token opens the IOC API until it is revoked", async ({ page, baseURL }) => {
  const { from, to } = await holdConferenceYesterday(`${Date.now().toString(36)}-admin`);
  await signIn(page, "admin");
  await page.goto("/quan-tri/ma-truy-cap");
  const name = `IOC e2e ${Date.now().toString(36)}`;
  await page.getByLabel("Tên (dùng cho hệ thống nào)").fill(name);
  await page.getByRole("button", { name: "Tạo mã" }).click();
  const token = await page.getByTestId("service-token").inputValue();
  expect(token).toMatch(/^dcst_/);
  await expect(page.getByTestId("service-tokens").getByRole("row", { name: new RegExp(name) })).toBeVisible();

  const ioc = await request.newContext({ baseURL });
  const document = await (await ioc.get("/api/v1/openapi.json")).json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, "openapi.json");
  const summaryPath = `/api/v1/thong-ke/tong-hop?period=range&from=${from}&to=${to}&groupBy=bridgePoint`;
  const asked = await ioc.get(summaryPath, { headers: { authorization: `Bearer ${token}` } });
  expect(asked.status()).toBe(200);
  const summary = await asked.json();
  const validate = ajv.compile({ $ref: "openapi.json#/components/schemas/SummaryResponse" });
  expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
  expect(summary.totals.conferences).toBeGreaterThanOrEqual(1);
  expect(summary.totals.attendance.present).toBeGreaterThanOrEqual(1);
  expect((await ioc.get(summaryPath)).status()).toBe(401);

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Thu hồi mã ${name}` }).click();
  await expect(page.getByTestId("service-tokens").getByRole("row", { name: new RegExp(name) })).toContainText("Đã thu hồi");
  const refused = await ioc.get(summaryPath, { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("SERVICE_TOKEN_INVALID");
  await ioc.dispose();
});

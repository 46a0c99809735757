import { createHash, createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "./fixtures";

// A scripted attendance, posted to the internal endpoint exactly as media-server does, then read
// back on the attendance page and in the CSV download.

/** The stack's database: DATABASE_URL (npm test), else the embedded one playwright.config.ts starts. */
const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54339/postgres";

/** The secret scripts/start.ts gives media-server and web: the environment's, else the generated one. */
function mediaSecret(): string {
  if (process.env.MEDIA_SECRET) return process.env.MEDIA_SECRET;
  // .data/ sits beside playwright.config.ts, at the repository root.
  const file = resolve(dirname(test.info().config.configFile!), ".data/secrets.json");
  if (!existsSync(file)) throw new Error(`MEDIA_SECRET is unset and ${file} does not exist`);
  return (JSON.parse(readFileSync(file, "utf8")) as { MEDIA_SECRET: string }).MEDIA_SECRET;
}

/**
 * Signs as media-server does (packages/protocol/src/internal-request.ts: method, path, timestamp,
 * a fresh nonce and the body's SHA-256, HMAC-SHA-256 with the shared secret), written out here
 * because Playwright loads specs as CommonJS and cannot import the ESM workspace packages; it also
 * pins the wire format.
 */
function signed(body: string, secret: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString("hex");
  const bodyHash = createHash("sha256").update(body).digest("hex");
  const canonical = ["POST", "/api/internal/attendance", timestamp, nonce, bodyHash].join("\n");
  const signature = createHmac("sha256", secret).update(canonical).digest("hex");
  return {
    "content-type": "application/json",
    "x-diemcau-timestamp": timestamp,
    "x-diemcau-nonce": nonce,
    "x-diemcau-signature": `sha256=${signature}`,
  };
}

type TSeeded = {
  eventId: string;
  startsAt: Date;
  users: Record<string, { id: string; name: string }>;
  /** Bridge point name by district name. */
  bridgePoints: Record<string, string>;
};

async function readSeed(): Promise<TSeeded> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const event = await client.query<{ id: string; startsAt: Date }>(
      `SELECT id, "startsAt" FROM "Event" WHERE "roomName" = 'demo-hoi-nghi-trien-khai-nam-hoc'`,
    );
    const users = await client.query<{ id: string; name: string; email: string }>(
      `SELECT id, name, email FROM "User" WHERE email IN ('canbo@diemcau.local', 'dongha@diemcau.local', 'camlo@diemcau.local')`,
    );
    const bridgePoints = await client.query<{ name: string; district: string }>(
      `SELECT b.name, d.name AS district FROM "BridgePoint" b JOIN "District" d ON d.id = b."districtId"`,
    );
    return {
      bridgePoints: Object.fromEntries(bridgePoints.rows.map((b) => [b.district, b.name])),
      eventId: event.rows[0]!.id,
      startsAt: new Date(event.rows[0]!.startsAt),
      users: Object.fromEntries(users.rows.map((u) => [u.email.split("@")[0]!, { id: u.id, name: u.name }])),
    };
  } finally {
    await client.end();
  }
}

test("the attendance page and its CSV show a scripted attendance", async ({ page, request }) => {
  const { eventId, startsAt, users, bridgePoints: bridgePointOf } = await readSeed();
  const minute = (m: number) => new Date(startsAt.getTime() + m * 60_000).toISOString();
  // Fixed session ids: reports are idempotent per peer session, so a rerun on the same database changes nothing.
  const [host, dongHa, camLo1, camLo2] = ["e2e-host", "e2e-dongha", "e2e-camlo-1", "e2e-camlo-2"];
  const reports = [
    { type: "join", peerId: host, room: eventId, userId: users.canbo!.id, displayName: users.canbo!.name, role: "HOST", at: minute(-10) },
    { type: "join", peerId: dongHa, room: eventId, userId: users.dongha!.id, displayName: "Điểm cầu Đông Hà", role: "ATTENDEE", at: minute(2) },
    // Cam Lộ drops out and reconnects; it came 25 minutes late.
    { type: "join", peerId: camLo1, room: eventId, userId: users.camlo!.id, displayName: "Điểm cầu Cam Lộ", role: "ATTENDEE", at: minute(25) },
    { type: "leave", peerId: camLo1, room: eventId, at: minute(55) },
    { type: "join", peerId: camLo2, room: eventId, userId: users.camlo!.id, displayName: "Điểm cầu Cam Lộ", role: "ATTENDEE", at: minute(56) },
    { type: "leave", peerId: camLo2, room: eventId, at: minute(116) },
    { type: "leave", peerId: dongHa, room: eventId, at: minute(182) },
    { type: "leave", peerId: host, room: eventId, at: minute(211) },
  ];
  const body = JSON.stringify({ reports });

  const forged = await request.post("/api/internal/attendance", {
    data: body,
    headers: signed(body, "not-the-media-secret-0123456789abcdef"),
  });
  expect(forged.status()).toBe(401);
  const posted = await request.post("/api/internal/attendance", {
    data: body,
    headers: signed(body, mediaSecret()),
  });
  expect(posted.status()).toBe(200);
  expect(await posted.json()).toEqual({ accepted: reports.length, unknownRooms: [] });

  await signIn(page, "staff");
  await page.goto(`/su-kien/${eventId}/diem-danh`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Điểm danh");
  const bridgePoints = page.getByTestId("attendance-bridge-points");
  await expect(bridgePoints.getByRole("row", { name: bridgePointOf["Đông Hà"]! })).toContainText("Có mặt");
  const camLoRow = bridgePoints.getByRole("row", { name: bridgePointOf["Cam Lộ"]! });
  await expect(camLoRow).toContainText("Đến muộn");
  await expect(camLoRow).toContainText("90 phút");
  await expect(bridgePoints.getByRole("row", { name: bridgePointOf["Hải Lăng"]! })).toContainText("Vắng");
  await expect(page.getByTestId("attendance-totals")).toContainText("1Có mặt");
  await expect(page.getByTestId("attendance-totals")).toContainText("1Đến muộn");
  await expect(page.getByTestId("attendance-totals")).toContainText("7Vắng");
  await expect(page.getByRole("img", { name: "Biểu đồ điểm danh điểm cầu theo huyện" })).toBeVisible();
  // Two connections (a drop and a reconnect), one person.
  await expect(page.getByTestId("attendance-people").getByRole("row", { name: /Điểm cầu Cam Lộ/ }).getByRole("cell").last()).toHaveText("2");

  const csvHref = await page.getByRole("link", { name: "CSV (Excel)" }).getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const bytes = await csv.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).toContain(`Điểm cầu Cam Lộ,${bridgePointOf["Cam Lộ"]!},Đến muộn`);
  expect(text).toContain(`Hải Lăng,${bridgePointOf["Hải Lăng"]!},Vắng`);

  const xlsx = await page.request.get(csvHref!.replace("/csv", "/xlsx"));
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString("latin1")).toBe("PK");
});

test("a student cannot open the attendance page", async ({ page }) => {
  const { eventId } = await readSeed();
  await signIn(page, "student");
  const response = await page.goto(`/su-kien/${eventId}/diem-danh`);
  expect(response?.status()).toBe(403);
});

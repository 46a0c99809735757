import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-database";

// The data step of 20261202180000_document_links on a real database: every earlier migration,
// then events with the free text staff typed into "Văn bản liên quan", then this migration.
const MIGRATIONS = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
const THIS_MIGRATION = "20261202180000_document_links";
const sql = (folder: string) => readFileSync(join(MIGRATIONS, folder, "migration.sql"), "utf8");

const FREE_TEXT: Record<string, string | null> = {
  seed: "1234/SGDĐT-VP",
  full: "Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo về việc tổ chức hội nghị trực tuyến\n15/KH-SGDĐT - Kế hoạch tập huấn chuyển đổi số",
  list: "1234/SGDĐT-VP, 15/KH-SGDĐT và 45/2024/TT-BGDĐT",
  loose: "Kế hoạch năm học của Sở (chưa có số)\n\n  quyết định 123/QĐ-UBND V/v phê duyệt đề án ngày 31/02/2024  ",
  twice: "1234/SGDĐT-VP\n1234/SGDĐT-VP V/v nhắc lại",
  none: null,
};

let database: TestDatabase;
let client: pg.Client;
type TRow = Record<string, unknown>;
let rows: Record<string, TRow[]>;

beforeAll(async () => {
  database = await createTestDatabase(undefined, { migrate: false });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const earlier = readdirSync(MIGRATIONS).filter((f) => /^\d{14}_/.test(f) && f < THIS_MIGRATION).sort();
  for (const folder of earlier) await client.query(sql(folder));
  await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt") VALUES ('u1', 'canbo@x', 'Cán bộ', 'x', 'STAFF', now())`);
  for (const [id, text] of Object.entries(FREE_TEXT)) {
    await client.query(
      `INSERT INTO "Event" (id, kind, title, "startsAt", "endsAt", "hostId", "roomName", "documentRefs", "updatedAt")
       VALUES ($1, 'CONFERENCE', $1, now(), now() + interval '1 hour', 'u1', $1, $2, now())`,
      [id, text],
    );
  }
  // A link written before, with the instant of midnight in Vietnam (17:00 UTC the day before).
  await client.query(
    `INSERT INTO "DocumentLink" (id, "numberNotation", issuer, "promulgatedAt", subject, "eventId")
     VALUES ('old', '9/SGDĐT-VP', 'Sở GD&ĐT', '2024-09-04T17:00:00Z', 'Cũ', 'none')`,
  );
  await client.query(sql(THIS_MIGRATION));
  const { rows: all } = await client.query(
    `SELECT "eventId", "numberNotation", subject, "documentType", issuer, to_char("promulgatedOn", 'YYYY-MM-DD') AS "promulgatedOn", source::text
     FROM "DocumentLink" ORDER BY "eventId", "createdAt"`,
  );
  rows = {};
  for (const row of all as TRow[]) (rows[String(row.eventId)] ??= []).push(row);
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const link = (numberNotation: string | null, subject: string | null, more: TRow = {}) => ({
  numberNotation,
  subject,
  documentType: null,
  issuer: null,
  promulgatedOn: null,
  source: "FREE_TEXT",
  ...more,
});

describe("migration of Event.documentRefs into DocumentLink rows", () => {
  it("turns a bare number into a row with that number", () => {
    expect(rows.seed?.map(({ eventId: _, ...r }) => r)).toEqual([link("1234/SGDĐT-VP", null)]);
  });

  it("reads type, number, date, issuer and subject from a full line, one row per line", () => {
    expect(rows.full?.map(({ eventId: _, ...r }) => r)).toEqual([
      link("1234/SGDĐT-VP", "tổ chức hội nghị trực tuyến", { documentType: "Công văn", issuer: "Sở Giáo dục và Đào tạo", promulgatedOn: "2024-09-05" }),
      link("15/KH-SGDĐT", "Kế hoạch tập huấn chuyển đổi số"),
    ]);
  });

  it("gives each number of a list its own row", () => {
    expect(rows.list?.map((r) => r.numberNotation)).toEqual(["1234/SGDĐT-VP", "15/KH-SGDĐT", "45/2024/TT-BGDĐT"]);
  });

  it("keeps a line without a number whole, skips blank lines and never invents an impossible date", () => {
    expect(rows.loose?.map(({ eventId: _, ...r }) => r)).toEqual([
      link(null, "Kế hoạch năm học của Sở (chưa có số)"),
      link("123/QĐ-UBND", "phê duyệt đề án ngày 31/02/2024", { documentType: "Quyết định" }),
    ]);
  });

  it("links a number typed twice once", () => {
    expect(rows.twice?.map((r) => r.numberNotation)).toEqual(["1234/SGDĐT-VP"]);
  });

  it("keeps links written before, their date on the same day in Vietnam, and drops the free-text column", async () => {
    expect(rows.none?.map(({ eventId: _, ...r }) => r)).toEqual([
      link("9/SGDĐT-VP", "Cũ", { issuer: "Sở GD&ĐT", promulgatedOn: "2024-09-05", source: "MANUAL" }),
    ]);
    const { rows: columns } = await client.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'Event' AND column_name = 'documentRefs'`);
    expect(columns).toEqual([]);
  });
});

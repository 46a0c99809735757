import { createPrismaClient, type Db } from "@diemcau/db";
import { createTestDatabaseOf, DATABASE_KINDS, type TestDatabase } from "@diemcau/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese, hasDiacritics, lowerKeepingDiacritics } from "./fold";
import { UNACCENT_RULES } from "./unaccent-table";

// Every Vietnamese letter with every tone, in both cases, composed and decomposed.
const VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const VIETNAMESE = VOWELS.flatMap((vowel) => TONES.map((tone) => `${vowel}${tone}`.normalize("NFC")))
  .flatMap((letter) => [letter, letter.toUpperCase(), letter.normalize("NFD")])
  .concat(["đ", "Đ", "Điện Biên Phủ", "ĐA KRÔNG", "Quảng Trị", "Hướng Hóa", "1234/SGDĐT-VP"]);
// Two Unicode 16 letters that Node lowers and the databases' C.UTF-8 tables do not know yet.
const NEWER_THAN_THE_DATABASES = new Set([0x1c89, 0x1c8a]);
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);
// Where PGlite (PostgreSQL 17 in WebAssembly) differs from the PostgreSQL 15 server, foldVietnamese
// follows the server: PGlite's unaccent spells vulgar fractions with a space in front (¼ → " 1/4"),
// and its case tables leave circled letters (Ⓐ) and Ⱟ as they are. None is Vietnamese.
const PGLITE_DIFFERS = new Set([0xbc, 0xbd, 0xbe, ...range(0x2150, 0x2189), ...range(0x24b6, 0x24cf), 0x2c2f]);
// Every character the unaccent dictionary knows, and the rest of the first planes, one by one.
const CHARACTERS = [...UNACCENT_RULES.keys(), ...Array.from({ length: 0x3000 - 0x20 }, (_, i) => i + 0x20)].filter(
  (code) => (code < 0xd800 || code > 0xdfff) && !NEWER_THAN_THE_DATABASES.has(code),
);
const characters = (kind: string) =>
  CHARACTERS.filter((code) => kind !== "pglite" || !PGLITE_DIFFERS.has(code)).map((code) => String.fromCodePoint(code));

describe("foldVietnamese", () => {
  it("folds diacritics, đ and case", () => {
    expect(foldVietnamese("Điện Biên Phủ")).toBe("dien bien phu");
    expect(foldVietnamese("ĐA KRÔNG")).toBe("da krong");
    expect(foldVietnamese("phân số")).toBe("phan so");
    expect(foldVietnamese("phe\u0302n so\u0301")).toBe("phen so"); // typed decomposed
  });

  it("tells when a query was typed with diacritics", () => {
    expect(hasDiacritics("phân số")).toBe(true);
    expect(hasDiacritics("Dien Bien")).toBe(false);
    expect(hasDiacritics("đi")).toBe(true);
    expect(lowerKeepingDiacritics("PHA\u0302N")).toBe("phân");
  });
});

describe.each(DATABASE_KINDS)("foldVietnamese equals the database's functions on %s", (kind) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabaseOf(kind);
    db = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it.each([
    ["Vietnamese letters and names", VIETNAMESE],
    ["every character unaccent knows, and the first planes", characters(kind)],
  ])("diemcau_fold and diemcau_lower: %s", async (_name, texts) => {
    const rows = await db.$queryRaw<{ text: string; folded: string; lower: string }[]>`
      SELECT t AS text, diemcau_fold(t) AS folded, diemcau_lower(t) AS lower FROM unnest(${texts}::text[]) AS t`;
    const differences = rows.filter((row) => foldVietnamese(row.text) !== row.folded || lowerKeepingDiacritics(row.text) !== row.lower);
    expect(differences.map((row) => [row.text, row.folded, foldVietnamese(row.text), row.lower, lowerKeepingDiacritics(row.text)])).toEqual([]);
  });
});

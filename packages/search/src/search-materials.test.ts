import { randomUUID } from "node:crypto";
import { Prisma } from "@diemcau/db";
import { DATABASE_KINDS } from "@diemcau/db/test-database";
import { describe, expect, it } from "vitest";
import { highlightText, type THighlight } from "./highlight";
import { loadPageItems } from "./page-items";
import { parseSearchQuery } from "./parse-query";
import { buildQuerySql, type TQuerySql } from "./query-sql";
import { PROBED_CANDIDATES, type TSearchFilters, type TSearchRequest } from "./search-materials";
import { useSearchTestBed, type TTestMaterial } from "./testing/search-test-bed";

const hitWords = (runs: THighlight) => runs.filter((run) => run.hit).map((run) => run.text);

describe.each(DATABASE_KINDS)("searchMaterials on %s", (kind) => {
  const bed = useSearchTestBed(kind);

  /** Materials of their own subject, so each test searches only what it made. */
  async function shelf(materials: TTestMaterial[]) {
    const subject = `môn-${randomUUID().slice(0, 8)}`;
    const ids = [];
    for (const material of materials) ids.push(await bed.add({ ...material, subject }));
    const search = (query: string, options: Partial<TSearchRequest> = {}) => bed.search(query, { ...options, filters: { ...options.filters, subject } });
    const found = async (query: string, options: Partial<TSearchRequest> = {}) => (await search(query, options)).items.map((item) => item.id);
    return { ids, search, found };
  }

  it("finds Vietnamese typed without diacritics: phan so, dien bien, da krong", async () => {
    const { ids, found } = await shelf([
      { title: "Ôn tập phân số" },
      { title: "Chiến thắng Điện Biên Phủ" },
      { title: "Sinh hoạt chuyên môn", tags: ["Đa Krông"] },
      { title: "Phương trình bậc hai" },
    ]);
    expect(await found("phan so")).toEqual([ids[0]]);
    expect(await found("dien bien")).toEqual([ids[1]]);
    expect(await found("da krong")).toEqual([ids[2]]);
    expect(await found("DA KRONG")).toEqual([ids[2]]);
    expect(await found("Điện Biên")).toEqual([ids[1]]);
  });

  it("ranks a title match above a transcript mention, and tags above the description", async () => {
    const { ids, found } = await shelf([
      { title: "Bài giảng số 7", transcript: [[12, "hôm nay ta học về quang hợp ở cây xanh"]] },
      { title: "Quang hợp" },
      { title: "Bài giảng số 8", description: "Quang hợp và hô hấp" },
      { title: "Bài giảng số 9", tags: ["quang hợp"] },
      { title: "Bài giảng số 10", chat: [[30, "Minh", "quang hợp là gì ạ"]] },
    ]);
    expect(await found("quang hop")).toEqual([ids[1], ids[3], ids[2], ids[0], ids[4]]);
  });

  it("does not rank a title by its words when the transcript has an excluded word", async () => {
    const { ids, found } = await shelf([
      { title: "Quang hợp", transcript: [[5, "quang hợp ở lá cây"]] },
      { title: "Quang hợp", transcript: [[5, "quang hợp ở hoa"]] },
      { title: "Bài giảng số 3", tags: ["quang hợp"] },
    ]);
    // The first is whole only in its own columns (its chat part), so it comes after a tag match.
    expect(await found("quang hop -la")).toEqual([ids[1], ids[2], ids[0]]);
  });

  it("loads a page's items only where the viewer's rule holds, whatever ids it is given", async () => {
    const { ids, found } = await shelf([{ title: "Quang hợp 1" }, { title: "Quang hợp 2" }, { title: "Quang hợp 3" }]);
    const visible = Prisma.sql`m."id" <> ${ids[1]}`;
    // The ranking's parts apply the rule too, so the page is given an id it rejects directly.
    const page = (sql: TQuerySql | null) => loadPageItems(bed.db, ids, visible, sql).then((items) => items.map((item) => item.id));
    expect(await page(buildQuerySql(parseSearchQuery("quang hop")))).toEqual([ids[0], ids[2]]);
    expect(await page(null)).toEqual([ids[0], ids[2]]);
    expect((await found("quang hop", { visible })).sort()).toEqual([ids[0], ids[2]].sort());
    expect((await found("", { visible })).sort()).toEqual([ids[0], ids[2]].sort());
  });

  it("ranks a phrase above the same syllables scattered through a long transcript", async () => {
    const scattered: [number, string][] = Array.from({ length: 60 }, (_, i) => [
      i * 10,
      i % 2 ? "phương án này có số liệu khác" : "ta xét trình tự và số bậc của từng câu, phân tích hai lần",
    ]);
    const { ids, found } = await shelf([
      { title: "Bài 1", transcript: scattered },
      { title: "Bài 2", transcript: [[5, "mở đầu"], [95, "hôm nay học phương trình bậc hai"], [140, "kết thúc"]] },
    ]);
    expect(await found("phuong trinh bac hai")).toEqual([ids[1], ids[0]]);
  });

  it("ranks the phrase and the exact accents first whether its candidates are few or many", async () => {
    // Past PROBED_CANDIDATES, phrases and accents are looked up in sets made over the whole corpus;
    // up to it, in each candidate's own rows. The other tests have few candidates each.
    const scattered = { description: "phương án trình bày bậc thang hai lần, phần sở hữu" };
    const many = await shelf([
      { title: "Nhắc lại", transcript: [[8, "bài này về phân số"]] },
      { title: "Mở đầu", transcript: [[95, "hôm nay học phương trình bậc hai"]] },
      ...Array.from({ length: PROBED_CANDIDATES }, (_, i) => ({ title: `Bài ${i}`, ...scattered })),
    ]);
    const few = await shelf([
      { title: "Nhắc lại", transcript: [[8, "bài này về phân số"]] },
      { title: "Mở đầu", transcript: [[95, "hôm nay học phương trình bậc hai"]] },
      { title: "Bài 0", ...scattered },
    ]);
    for (const { ids, search } of [many, few]) {
      const exact = await search("phân số");
      expect(exact.total).toBe(ids.length - 1);
      expect(exact.items[0]?.id).toBe(ids[0]);
      const phrase = await search("phuong trinh bac hai");
      expect(phrase.total).toBe(ids.length - 1);
      expect(phrase.items[0]?.id).toBe(ids[1]);
      // One complete word and the one being typed: no pair of words to narrow the lines down with.
      const typed = await search("phuong tr", { typing: true });
      expect(typed.total).toBe(ids.length - 1);
      expect(typed.items[0]?.id).toBe(ids[1]);
    }
    expect(many.ids.length - 1).toBeGreaterThan(PROBED_CANDIDATES);
  });

  it("gives a transcript hit its second, with the words highlighted, and a chat hit its own", async () => {
    const { ids, search } = await shelf([
      {
        title: "Lịch sử 9",
        transcript: [[3, "Xin chào các em"], [128.5, "Chiến dịch Điện Biên Phủ kết thúc năm 1954"], [200, "Bài tập về nhà"]],
        chat: [[64, "Mai", "Điện Biên ở tỉnh nào ạ?"]],
      },
    ]);
    const result = await search("dien bien");
    expect(result.items.map((item) => item.id)).toEqual(ids);
    const [item] = result.items;
    expect(item!.hits.map((hit) => [hit.kind, hit.second, hit.source])).toEqual([
      ["chat", 64, null],
      ["transcript", 128.5, "UPLOAD"],
    ]);
    expect(highlightText(item!.hits[1]!.text)).toBe("Chiến dịch Điện Biên Phủ kết thúc năm 1954");
    expect(hitWords(item!.hits[1]!.text)).toEqual(["Điện Biên"]);
    expect(hitWords(item!.hits[0]!.text)).toEqual(["Điện Biên"]);
  });

  it("shows at most three hits, inside the trim window", async () => {
    const { search } = await shelf([
      {
        title: "Tập huấn",
        trim: [10, 100],
        transcript: [[2, "thuật toán mở đầu"], [20, "thuật toán một"], [40, "thuật toán hai"], [60, "thuật toán ba"], [80, "thuật toán bốn"], [150, "thuật toán cuối"]],
      },
    ]);
    const [item] = (await search("thuat toan")).items;
    expect(item!.hits).toHaveLength(3);
    expect(item!.hits.every((hit) => hit.second >= 10 && hit.second <= 100)).toBe(true);
  });

  it("ranks exact-accent matches first when the query has diacritics", async () => {
    const { ids, found } = await shelf([{ title: "Phần sở hữu" }, { title: "Nhắc lại", transcript: [[8, "bài này về phân số"]] }]);
    expect(await found("phân số")).toEqual([ids[1], ids[0]]);
    expect(await found("phan so")).toEqual([ids[0], ids[1]]);
  });

  it("matches the word being typed as a prefix", async () => {
    const { ids, found, search } = await shelf([{ title: "Phương trình bậc hai" }, { title: "Phương pháp học" }]);
    const typing = { typing: true };
    expect(await found("phuong tr", typing)).toEqual([ids[0]]);
    expect((await found("phuong", typing)).sort()).toEqual([...ids].sort());
    // A finished word is a whole word: "tr" is none, so only near matches of titles are offered.
    expect(await search("phuong tr ", typing)).toMatchObject({ approximate: true });
    expect(await search("phuong tr")).toMatchObject({ approximate: true });
  });

  it("finds a lesson whose words are split between its title and what was said", async () => {
    const { ids, found } = await shelf([{ title: "Toán 6", transcript: [[40, "các em chú ý phân số tối giản"]] }]);
    expect(await found("toan phan so")).toEqual(ids);
  });

  it("suggests the spelling titles use when a typo matches nothing", async () => {
    const { ids, search } = await shelf([{ title: "Phương trình bậc hai" }, { title: "Hình học không gian" }]);
    const result = await search("phuog trinh");
    expect(result.suggestion).toBe("phương trình");
    expect(result.approximate).toBe(true);
    expect(result.items.map((item) => item.id)).toEqual([ids[0]]);
    expect((await search("phương trình")).suggestion).toBeNull();
  });

  it("highlights the title and the description", async () => {
    const { search } = await shelf([{ title: "Chiến thắng Điện Biên Phủ", description: "Ôn lại chiến dịch Điện Biên Phủ năm 1954 qua tư liệu" }]);
    const [item] = (await search("dien bien phu")).items;
    expect(hitWords(item!.title)).toEqual(["Điện Biên Phủ"]);
    expect(hitWords(item!.snippet!)).toEqual(["Điện Biên Phủ"]);
  });

  it("finds linked documents by number and notation, folded, and attached PDFs by their text", async () => {
    const { ids, search, found } = await shelf([{ title: "Hội nghị triển khai" }, { title: "Tập huấn giáo viên" }]);
    await bed.db.documentLink.create({
      data: { numberNotation: "1234/SGDĐT-VP", issuer: "Sở GD&ĐT", subject: "Kế hoạch chuyển đổi số năm học 2026-2027", materialId: ids[0]!, source: "MANUAL" },
    });
    await bed.db.materialAttachment.create({
      data: { materialId: ids[1]!, fileName: "tai-lieu.pdf", storageKey: "k", sizeBytes: 1, status: "READY", text: "Hướng dẫn sử dụng bảng tương tác" },
    });
    expect(await found("1234/SGDĐT-VP")).toEqual([ids[0]]);
    expect(await found("sgddt")).toEqual([ids[0]]);
    expect(await found("chuyen doi so")).toEqual([ids[0]]);
    expect(await found("bang tuong tac")).toEqual([ids[1]]);
    const [item] = (await search("1234")).items;
    expect(highlightText(item!.document!)).toBe("1234/SGDĐT-VP — Kế hoạch chuyển đổi số năm học 2026-2027");
  });

  it("finds a recording's material by the documents linked to its event, the phrase first", async () => {
    const { ids, found } = await shelf([{ title: "Buổi sáng" }, { title: "Buổi chiều" }, { title: "Không liên kết" }]);
    const subjects = ["Triệu tập hội nghị sơ kết học kỳ", "Kế hoạch hội nghị và sơ kết"];
    for (const [i, subject] of subjects.entries()) {
      const event = await bed.db.event.create({ data: { kind: "CONFERENCE", title: `Hội nghị ${i}`, startsAt: new Date(), endsAt: new Date(), hostId: bed.ownerId } });
      const recording = await bed.db.recording.create({ data: { eventId: event.id, status: "READY" } });
      await bed.db.material.update({ where: { id: ids[i] }, data: { recordingId: recording.id } });
      await bed.db.documentLink.create({ data: { numberNotation: `${77 + i}/GM-SGDĐT`, issuer: "Sở GD&ĐT", subject, eventId: event.id, source: "MANUAL" } });
    }
    expect(await found("78/GM-SGDĐT")).toEqual([ids[1]]);
    // Both documents have the words; only the first has them side by side.
    expect(await found("hoi nghi so ket")).toEqual([ids[0], ids[1]]);
  });

  it("follows transcript edits at once (the vectors are kept by triggers)", async () => {
    const { ids, found } = await shelf([{ title: "Bài 5", transcript: [[10, "định lý Pitago"]] }]);
    expect(await found("pitago")).toEqual(ids);
    await bed.db.transcriptSegment.updateMany({ where: { materialId: ids[0] }, data: { text: "định lý Ta-lét" } });
    expect(await found("pitago")).toEqual([]);
    expect(await found("ta let")).toEqual(ids);
    await bed.db.transcriptSegment.deleteMany({ where: { materialId: ids[0] } });
    expect(await found("ta let")).toEqual([]);
  });

  it("pages, sorts by newest and by views, and lists everything without words", async () => {
    const day = (n: number) => new Date(Date.UTC(2026, 10, n));
    const { ids, search } = await shelf([
      { title: "Ngữ pháp 1", createdAt: day(1), viewCount: 5 },
      { title: "Ngữ pháp 2", createdAt: day(3), viewCount: 1 },
      { title: "Ngữ pháp 3", createdAt: day(2), viewCount: 9 },
    ]);
    const pages = [await search("ngu phap", { pageSize: 2 }), await search("ngu phap", { pageSize: 2, page: 2 })];
    expect(pages.map((p) => p.total)).toEqual([3, 3]);
    expect(pages.flatMap((p) => p.items.map((item) => item.id)).sort()).toEqual([...ids].sort());
    expect((await search("ngu phap", { sort: "newest" })).items.map((item) => item.id)).toEqual([ids[1], ids[2], ids[0]]);
    expect((await search("ngu phap", { sort: "views" })).items.map((item) => item.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect((await search("", { sort: "views" })).items.map((item) => item.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect((await search("", { page: 9 })).total).toBe(3);
    expect((await search("ngu phap", { page: 9 })).total).toBe(3);
  });

  it("filters by conference or lesson, district, teacher and date", async () => {
    const { ids, search } = await shelf([
      { title: "Địa lý: khí hậu", createdAt: new Date(Date.UTC(2026, 2, 10)) },
      { title: "Địa lý: khí hậu miền Trung", createdAt: new Date(Date.UTC(2026, 5, 10)) },
      { title: "Địa lý: khí hậu, tải lên", createdAt: new Date(Date.UTC(2026, 8, 10)) },
    ]);
    const org = await bed.db.organization.create({ data: { name: "Sở" } });
    const district = await bed.db.district.create({ data: { name: `Cam Lộ ${randomUUID()}`, organizationId: org.id } });
    const bridgePoint = await bed.db.bridgePoint.create({ data: { name: `Điểm cầu ${randomUUID()}`, districtId: district.id } });
    const [conference, lesson] = await Promise.all(
      (["CONFERENCE", "CLASS"] as const).map((kind) =>
        bed.db.event.create({ data: { kind, title: kind, startsAt: new Date(), endsAt: new Date(), hostId: bed.ownerId } }),
      ),
    );
    await bed.db.eventBridgePoint.create({ data: { eventId: conference!.id, bridgePointId: bridgePoint.id } });
    for (const [i, event] of [conference!, lesson!].entries()) {
      const recording = await bed.db.recording.create({ data: { eventId: event.id, status: "READY" } });
      await bed.db.material.update({ where: { id: ids[i] }, data: { recordingId: recording.id } });
    }
    const found = async (filters: TSearchFilters) => (await search("khi hau", { filters })).items.map((item) => item.id);
    const mine = (list: string[]) => [...list].sort();
    expect(mine(await found({ kind: "CONFERENCE" }))).toEqual([ids[0]]);
    expect(mine(await found({ kind: "CLASS" }))).toEqual([ids[1], ids[2]].sort());
    expect(mine(await found({ districtId: district.id }))).toEqual([ids[0]]);
    expect(mine(await found({ from: new Date(Date.UTC(2026, 4, 1)), to: new Date(Date.UTC(2026, 7, 1)) }))).toEqual([ids[1]]);
    expect(mine(await found({ ownerId: bed.ownerId, from: new Date(Date.UTC(2026, 7, 1)) }))).toEqual([ids[2]]);
  });

  it("answers operator-laden, unbalanced, empty and very long queries without failing", async () => {
    const { ids, found } = await shelf([{ title: "Tin học: lập trình (cơ bản) & nâng cao" }]);
    const nasty = [
      "& | ! : * ( ) ' \"",
      '"lap trinh',
      "lap trinh\"",
      "'; DROP TABLE \"Material\"; --",
      "lập trình:* & !cơ",
      "(((",
      "a:*",
      "\\",
      "E'\\\\'",
      "<-> <2> !!",
      "-",
      "or or or",
      "\u0000\u0001 lap",
      "ل",
      "🙂 lập",
      "lập ".repeat(200),
      "x".repeat(600),
    ];
    for (const query of nasty) {
      await expect(found(query), query).resolves.toBeInstanceOf(Array);
    }
    expect(await found("lap trinh & nang cao")).toEqual(ids);
    expect(await found('"lap trinh')).toEqual(ids);
    expect(await found("& | !")).toEqual([]);
  });
});

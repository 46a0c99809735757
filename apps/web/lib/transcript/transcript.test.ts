import { seedDemo } from "@diemcau/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toApiResponse } from "../api/to-api-response";
import type { TAccessViewer } from "../materials/material-access";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { correctTranscript } from "./correct-transcript";
import { loadTranscript } from "./load-transcript";
import { CAPTIONS_MAX_BYTES, uploadCaptions } from "./upload-captions";

const GOOD_VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHôm nay chúng ta học phân số.\n\n00:00:04.500 --> 00:00:08.000\nHai phân số có cùng mẫu số.\n";
const GOOD_SRT = "1\n00:00:00,500 --> 00:00:03,000\nBài 3: Quy đồng mẫu số\n\n2\n00:00:03,200 --> 00:00:06,000\nMẫu số chung là 6.\n";
const BAD_VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nDòng một\n\n00:00:05.000 --> 00:00:0x.000\nDòng hai\n";

describe("captions upload and transcript corrections on a real database", () => {
  let database: TestDatabase;
  let materialId: string;
  const viewers: Record<string, TAccessViewer> = {};

  const upload = (text: string, filename: string, who = "gv.lan") =>
    toApiResponse(() =>
      uploadCaptions(database.db, materialId, viewers[who]!, new Request(`http://localhost/api/materials/x/captions?filename=${filename}`, { method: "POST", body: text })),
    );
  const correct = (body: unknown, who = "gv.lan") => toApiResponse(() => correctTranscript(database.db, materialId, viewers[who]!, body));
  /** The lines search reads: every row with its generated search vector. */
  const searchable = (words: string) =>
    database.db.$queryRaw<{ text: string }[]>`SELECT "text" FROM "TranscriptSegment" WHERE "materialId" = ${materialId} AND "searchVector" @@ plainto_tsquery('simple', diemcau_fold(${words}))`;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    for (const email of ["gv.lan@diemcau.local", "gv.hung@diemcau.local", "canbo@diemcau.local"]) {
      const user = await database.db.user.findUniqueOrThrow({ where: { email } });
      viewers[email.split("@")[0]!] = { id: user.id, role: user.role };
    }
    materialId = (await database.db.material.create({ data: { title: "Phân số", ownerId: viewers["gv.lan"]!.id, visibility: "INTERNAL", published: true } })).id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("turns a good WebVTT file into UPLOAD lines that search finds without diacritics", async () => {
    const response = await upload(GOOD_VTT, "bai-3.vtt");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ cues: 2 });
    const { spoken } = await loadTranscript(database.db, materialId);
    expect(spoken.map(({ startSec, endSec, text, source }) => ({ startSec, endSec, text, source }))).toEqual([
      { startSec: 1, endSec: 4, text: "Hôm nay chúng ta học phân số.", source: "UPLOAD" },
      { startSec: 4.5, endSec: 8, text: "Hai phân số có cùng mẫu số.", source: "UPLOAD" },
    ]);
    expect((await searchable("cung mau so")).map((row) => row.text)).toEqual(["Hai phân số có cùng mẫu số."]);
  });

  it("replaces the earlier upload with a good SRT file", async () => {
    expect((await upload(GOOD_SRT, "bai-3.srt", "canbo")).status).toBe(200);
    const { spoken } = await loadTranscript(database.db, materialId);
    expect(spoken.map((line) => [line.startSec, line.text])).toEqual([[0.5, "Bài 3: Quy đồng mẫu số"], [3.2, "Mẫu số chung là 6."]]);
  });

  it("refuses a bad file with its line number and keeps what was there", async () => {
    const response = await upload(BAD_VTT, "loi.vtt");
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "CAPTIONS_INVALID", field: "file", params: { line: 6 } });
    expect(error.message).toContain("dòng 6");
    expect((await loadTranscript(database.db, materialId)).spoken.map((line) => line.text)).toEqual(["Bài 3: Quy đồng mẫu số", "Mẫu số chung là 6."]);
  });

  it("refuses a file over the size limit from its Content-Length, before reading it", async () => {
    const request = new Request("http://localhost/api/materials/x/captions?filename=a.vtt", {
      method: "POST",
      body: "WEBVTT\n",
      headers: { "content-length": String(CAPTIONS_MAX_BYTES + 1) },
    });
    const response = await toApiResponse(() => uploadCaptions(database.db, materialId, viewers["gv.lan"]!, request));
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("CAPTIONS_TOO_LARGE");
  });

  it("refuses another teacher with 403", async () => {
    expect((await upload(GOOD_VTT, "a.vtt", "gv.hung")).status).toBe(403);
  });

  it("saves a correction that search follows at once, and refuses a second save of the same version with 409", async () => {
    const before = await loadTranscript(database.db, materialId);
    const line = before.spoken[1]!;
    const saved = await correct({ timelineVersion: before.timelineVersion, lines: [{ id: line.id, text: "Mẫu số chung nhỏ nhất là 6." }] });
    expect(saved.status).toBe(200);
    expect((await searchable("mau so chung nho nhat")).map((row) => row.text)).toEqual(["Mẫu số chung nhỏ nhất là 6."]);
    const after = await loadTranscript(database.db, materialId);
    expect(after.spoken[1]).toMatchObject({ edited: true, text: "Mẫu số chung nhỏ nhất là 6." });

    const stale = await correct({ timelineVersion: before.timelineVersion, lines: [{ id: line.id, text: "Bản của người thứ hai" }] }, "canbo");
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe("TIMELINE_CONFLICT");
    expect((await loadTranscript(database.db, materialId)).spoken[1]!.text).toBe("Mẫu số chung nhỏ nhất là 6.");
  });
});

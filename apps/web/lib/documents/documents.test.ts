import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EDXML_MAX_BYTES } from "@diemcau/connectors/documents";
import { SAMPLE_EDXML_PATH } from "@diemcau/connectors/documents/testing";
import { seedDemo } from "@diemcau/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toApiResponse } from "../api/to-api-response";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { linkDocument, unlinkDocument } from "./link-document";
import { listEventDocuments, listMaterialDocuments } from "./list-document-links";
import { readEdxmlUpload } from "./read-edxml-upload";

// Real PostgreSQL with the demo seed; each request goes through toApiResponse as its route answers.
let database: TestDatabase;
const users: Record<string, { id: string; role: "ADMIN" | "STAFF" | "TEACHER" | "STUDENT" | "BRIDGE_POINT" }> = {};
let conferenceId: string;
let classId: string;
let materialId: string;
const sample = readFileSync(SAMPLE_EDXML_PATH, "utf8");

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  for (const email of ["canbo@diemcau.local", "gv.lan@diemcau.local", "gv.hung@diemcau.local", "hs.minh@diemcau.local"]) {
    const { id, role } = await database.db.user.findUniqueOrThrow({ where: { email } });
    users[email.split("@")[0]!] = { id, role };
  }
  conferenceId = (await database.db.event.findUniqueOrThrow({ where: { roomName: "demo-tap-huan-chuyen-doi-so" } })).id;
  classId = (await database.db.event.findUniqueOrThrow({ where: { roomName: "demo-lop-toan-9a" } })).id;
  const recording = await database.db.recording.create({ data: { eventId: classId, status: "READY" } });
  materialId = (await database.db.material.create({ data: { title: "Phương trình bậc hai", ownerId: users["gv.lan"]!.id, recordingId: recording.id } })).id;
});

afterAll(async () => {
  await database?.drop();
});

/** An upload as the browser sends it: the file is the body. */
const upload = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/documents/edxml", { method: "POST", body, headers, duplex: "half" } as RequestInit);

/** POST /api/documents/edxml then POST …/documents, as the event page does. */
async function importOnto(target: { eventId: string } | { materialId: string }, user: (typeof users)[string], body: BodyInit) {
  return toApiResponse(async () => linkDocument(database.db, target, user, { source: "EDXML", document: await readEdxmlUpload(upload(body)) }), 201);
}

const linkCount = () => database.db.documentLink.count();
const errorOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

describe("documents on events and materials, on a real database", () => {
  it("links the realistic package to a conference with every field it carries", async () => {
    const response = await importOnto({ eventId: conferenceId }, users.canbo!, sample);
    expect(response.status).toBe(201);
    const [link] = await listEventDocuments(database.db, conferenceId);
    expect(link).toMatchObject({
      numberNotation: "1234/SGDĐT-VP",
      documentType: "Công văn",
      issuer: "Sở Giáo dục và Đào tạo",
      subject: "V/v tổ chức hội nghị trực tuyến triển khai nhiệm vụ năm học 2024-2025",
      signerName: "Lê Thị Hồng Nhung",
      signerPosition: "Phó Giám đốc",
      recipients: ["Phòng Giáo dục và Đào tạo thành phố Đông Hà", "Phòng Giáo dục và Đào tạo huyện Cam Lộ"],
      attachments: ["1234-SGDĐT-VP.signed.pdf"],
      source: "EDXML",
    });
    expect(link!.promulgatedOn?.toISOString()).toBe("2024-09-05T00:00:00.000Z");
    const row = await database.db.documentLink.findFirstOrThrow({ where: { eventId: conferenceId } });
    expect([row.issuerOrganId, row.place]).toEqual(["000.00.00.H48", "Quảng Trị"]);
  });

  it("refuses the same document twice on one event, and keeps one row", async () => {
    const before = await linkCount();
    expect(await errorOf(await importOnto({ eventId: conferenceId }, users.canbo!, sample))).toEqual([409, "DOCUMENT_ALREADY_LINKED"]);
    expect(await linkCount()).toBe(before);
  });

  it("lets a teacher link to her own lesson and material, but not to a conference she does not host", async () => {
    expect((await importOnto({ eventId: classId }, users["gv.lan"]!, sample)).status).toBe(201);
    expect(await errorOf(await importOnto({ eventId: conferenceId }, users["gv.hung"]!, sample))).toEqual([403, "FORBIDDEN"]);
    // Another teacher's unpublished material looks absent to him.
    expect(await errorOf(await importOnto({ materialId }, users["gv.hung"]!, sample))).toEqual([404, "MATERIAL_NOT_FOUND"]);
    await database.db.material.update({ where: { id: materialId }, data: { published: true } });
    expect(await errorOf(await importOnto({ materialId }, users["gv.hung"]!, sample))).toEqual([403, "MATERIAL_EDIT_FORBIDDEN"]);
    const typed = { source: "MANUAL", document: { numberNotation: "15/KH-SGDĐT", subject: "Tập huấn chuyển đổi số", promulgatedOn: "2026-08-20" } };
    expect((await toApiResponse(() => linkDocument(database.db, { materialId }, users["gv.lan"]!, typed), 201)).status).toBe(201);
    // The material shows its own document, then its lesson's.
    const shown = await listMaterialDocuments(database.db, materialId, classId);
    expect(shown.map((d) => [d.numberNotation, d.source, d.viaEvent ?? false])).toEqual([
      ["15/KH-SGDĐT", "MANUAL", false],
      ["1234/SGDĐT-VP", "EDXML", true],
    ]);
  });

  it("refuses a document typed without a subject, naming the field", async () => {
    const before = await linkCount();
    const response = await toApiResponse(() =>
      linkDocument(database.db, { eventId: conferenceId }, users.canbo!, { source: "MANUAL", document: { numberNotation: "16/KH-SGDĐT", subject: "" } }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "INVALID_INPUT", field: "document.subject", message: "Vui lòng nhập trích yếu văn bản." });
    expect(await linkCount()).toBe(before);
  });

  it("unlinks a document only from its own event", async () => {
    const link = await database.db.documentLink.findFirstOrThrow({ where: { eventId: classId } });
    expect(await errorOf(await toApiResponse(() => unlinkDocument(database.db, { eventId: conferenceId }, users.canbo!, link.id)))).toEqual([404, "DOCUMENT_LINK_NOT_FOUND"]);
    expect((await toApiResponse(() => unlinkDocument(database.db, { eventId: classId }, users["gv.lan"]!, link.id))).status).toBe(200);
    expect(await database.db.documentLink.count({ where: { id: link.id } })).toBe(0);
  });
});

describe("bad edXML uploads: a precise refusal and nothing saved", () => {
  const folder = mkdtempSync(join(tmpdir(), "diemcau-xxe-web-"));
  const secretPath = join(folder, "secret.txt");
  const secret = `BI-MAT-${process.pid}`;
  writeFileSync(secretPath, secret);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const withSubject = (xml: string, subject: string) => xml.replace(/<edXML:Subject>[\s\S]*?<\/edXML:Subject>/, `<edXML:Subject>${subject}</edXML:Subject>`);
  const cases: [string, string, number, string][] = [
    ["not XML", "Công văn số 1234/SGDĐT-VP", 400, "EDXML_NOT_XML"],
    ["XML without the edXML namespace", sample.replaceAll("http://www.mic.gov.vn/TBT/QCVN_102_2016", "urn:khac"), 400, "EDXML_NOT_EDXML"],
    ["missing required fields", sample.replace(/<edXML:Code>[\s\S]*?<\/edXML:Code>/, ""), 400, "EDXML_MISSING_FIELDS"],
    ["a bad date", sample.replace("2024/09/05</edXML:PromulgationDate>", "05/09/2024</edXML:PromulgationDate>"), 400, "EDXML_BAD_DATE"],
    [
      "an external entity (XXE) naming a local file",
      withSubject(sample.replace("<edXML ", `<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file://${secretPath}">]>\n<edXML `), "&xxe;"),
      400,
      "EDXML_DOCTYPE_FORBIDDEN",
    ],
    ["a document (internal) entity", withSubject(sample.replace("<edXML ", `<!DOCTYPE edXML [<!ENTITY sgd "Sở GD&amp;ĐT">]>\n<edXML `), "&sgd;"), 400, "EDXML_DOCTYPE_FORBIDDEN"],
  ];

  it.each(cases)("%s", async (_name, body, status, code) => {
    const before = await linkCount();
    const response = await importOnto({ eventId: conferenceId }, users.canbo!, body);
    const text = await response.text();
    expect([response.status, (JSON.parse(text) as { error: { code: string } }).error.code]).toEqual([status, code]);
    expect(text).not.toContain(secret);
    expect(await linkCount()).toBe(before);
    expect(await database.db.documentLink.count({ where: { subject: { contains: secret } } })).toBe(0);
  });

  it("a file over 20 MB is refused from its declared size, before a byte of the body is read", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    const response = await toApiResponse(() => readEdxmlUpload(upload(body, { "content-length": String(EDXML_MAX_BYTES + 1) })));
    expect(await errorOf(response)).toEqual([413, "EDXML_TOO_LARGE"]);
    expect(pulled).toBe(false);
  });

  it("a body over 20 MB without a declared size is cut off at the limit", async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const response = await toApiResponse(() => readEdxmlUpload(upload(body)));
    expect(await errorOf(response)).toEqual([413, "EDXML_TOO_LARGE"]);
    expect(sent).toBeLessThanOrEqual(EDXML_MAX_BYTES + 2 * chunk.byteLength);
  });
});

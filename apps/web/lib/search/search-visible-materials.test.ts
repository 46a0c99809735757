import { createPrismaClient, type Db, type Role } from "@diemcau/db";
import { createTestDatabaseOf, DATABASE_KINDS, type TestDatabase } from "@diemcau/db/test-database";
import { highlightText } from "@diemcau/search";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMaterialAccess, type TAccessViewer } from "../materials/material-access";
import { visibleMaterialsWhere } from "../materials/visible-materials-where";
import { searchVisibleMaterials } from "./search-visible-materials";

type TViewerName = "anonymous" | "bridgePoint" | "student" | "otherStudent" | "owner" | "otherTeacher" | "staff" | "admin";
type TMaterialName = "public" | "internal" | "enrolled" | "draft" | "otherDraft" | "secretTranscript";

// Who sees what, as for playing (canViewMaterial): the rule written out once more, by hand.
const EXPECTED: Record<TViewerName, TMaterialName[]> = {
  anonymous: ["public"],
  bridgePoint: ["public"],
  student: ["public", "enrolled"],
  otherStudent: ["public"],
  owner: ["public", "internal", "enrolled", "draft", "secretTranscript"],
  otherTeacher: ["public", "internal", "otherDraft", "secretTranscript"],
  staff: ["public", "internal", "enrolled", "draft", "otherDraft", "secretTranscript"],
  admin: ["public", "internal", "enrolled", "draft", "otherDraft", "secretTranscript"],
};

describe.each(DATABASE_KINDS)("search shows only what the viewer may open, per role, on %s", (kind) => {
  let database: TestDatabase;
  let db: Db;
  const viewers = {} as Record<TViewerName, TAccessViewer | null>;
  const materials = {} as Record<TMaterialName, string>;
  const nameOf = (id: string) => Object.entries(materials).find(([, value]) => value === id)?.[0];

  beforeAll(async () => {
    database = await createTestDatabaseOf(kind);
    db = createPrismaClient(database.url);
    const user = async (name: string, role: Role) =>
      db.user.create({ data: { email: `${name}@test.local`, name, passwordHash: "x", role } }).then(({ id }) => ({ id, role }));
    viewers.anonymous = null;
    viewers.bridgePoint = await user("dongha", "BRIDGE_POINT");
    viewers.student = await user("hs.minh", "STUDENT");
    viewers.otherStudent = await user("hs.mai", "STUDENT");
    viewers.owner = await user("gv.lan", "TEACHER");
    viewers.otherTeacher = await user("gv.hung", "TEACHER");
    viewers.staff = await user("canbo", "STAFF");
    viewers.admin = await user("admin", "ADMIN");

    const course = await db.course.create({ data: { name: "Toán 9A", subject: "Toán", grade: 9, schoolYear: "2026-2027", teacherId: viewers.owner.id } });
    await db.enrollment.create({ data: { courseId: course.id, userId: viewers.student.id } });
    const event = await db.event.create({
      data: { kind: "CLASS", title: "Toán 9A", startsAt: new Date(), endsAt: new Date(), hostId: viewers.owner.id, courseId: course.id },
    });
    const recording = await db.recording.create({ data: { eventId: event.id, status: "READY" } });
    const make = async (title: string, data: object) =>
      (await db.material.create({ data: { title, ownerId: viewers.owner!.id, ...data } })).id;
    materials.public = await make("Tuyển sinh lớp 10: công khai", { published: true, visibility: "PUBLIC" });
    materials.internal = await make("Tuyển sinh lớp 10: nội bộ", { published: true, visibility: "INTERNAL" });
    materials.enrolled = await make("Tuyển sinh lớp 10: lớp 9A", { published: true, visibility: "ENROLLED", recordingId: recording.id });
    materials.draft = await make("Tuyển sinh lớp 10: bản nháp", { published: false, visibility: "PUBLIC" });
    materials.otherDraft = await make("Tuyển sinh lớp 10: nháp của thầy Hùng", { published: false, visibility: "PUBLIC", ownerId: viewers.otherTeacher.id });
    materials.secretTranscript = await make("Tuyển sinh lớp 10: họp tổ", { published: true, visibility: "INTERNAL" });
    await db.transcriptSegment.create({
      data: { materialId: materials.secretTranscript, startSec: 42, endSec: 47, text: "Đề thi chính thức nằm trong kho đề số bảy", source: "UPLOAD" },
    });
  }, 240_000); // the first PGlite of a set of migrations is migrated once, slowly

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it.each(Object.keys(EXPECTED) as TViewerName[])("%s finds exactly what they may open", async (viewer) => {
    const result = await searchVisibleMaterials(db, viewers[viewer], { q: "tuyen sinh" });
    expect(result.items.map((item) => nameOf(item.id)).sort()).toEqual([...EXPECTED[viewer]].sort());
    expect(result.total).toBe(EXPECTED[viewer].length);
  });

  it.each(Object.keys(EXPECTED) as TViewerName[])("%s lists the same materials as the Prisma rule and canViewMaterial", async (viewer) => {
    const listed = (await searchVisibleMaterials(db, viewers[viewer], { q: "" })).items.map((item) => item.id).sort();
    const byPrisma = (await db.material.findMany({ where: visibleMaterialsWhere(viewers[viewer]), select: { id: true } })).map((m) => m.id).sort();
    const byRule = [];
    for (const id of Object.values(materials)) if ((await loadMaterialAccess(db, id, viewers[viewer]))?.canView) byRule.push(id);
    expect(listed).toEqual(byPrisma);
    expect(listed).toEqual(byRule.sort());
  });

  it("never shows a hit inside a restricted material's transcript, nor suggests its words", async () => {
    for (const viewer of ["anonymous", "bridgePoint", "student", "otherStudent"] as const) {
      const result = await searchVisibleMaterials(db, viewers[viewer], { q: "kho de so bay" });
      expect(result, viewer).toMatchObject({ total: 0, items: [], suggestion: null });
      expect(JSON.stringify(result)).not.toContain("kho đề");
      const typo = await searchVisibleMaterials(db, viewers[viewer], { q: "hop to" });
      expect(typo.items.map((item) => nameOf(item.id)), viewer).not.toContain("secretTranscript");
    }
    const seen = await searchVisibleMaterials(db, viewers.otherTeacher, { q: "kho de so bay" });
    expect(seen.items.map((item) => nameOf(item.id))).toEqual(["secretTranscript"]);
    expect(seen.items[0]!.hits.map((hit) => [hit.second, highlightText(hit.text)])).toEqual([[42, "Đề thi chính thức nằm trong kho đề số bảy"]]);
  });

  it("answers bad filters with a refusal naming the field, and long or odd queries with results or none", async () => {
    await expect(searchVisibleMaterials(db, null, { q: "x", grade: "13" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "grade" });
    await expect(searchVisibleMaterials(db, null, { q: "x", from: "02/12/2026" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "from" });
    await expect(searchVisibleMaterials(db, null, { q: "y".repeat(2001) })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "q" });
    expect((await searchVisibleMaterials(db, null, { q: `tuyen sinh ${"và ".repeat(200)}` })).items).toBeInstanceOf(Array);
    expect((await searchVisibleMaterials(db, null, { q: "\"tuyen ( sinh & ! :*" })).items.map((item) => nameOf(item.id))).toEqual(["public"]);
  });
});

import { createPrismaClient, type Db, seedDemo } from "@diemcau/db";
import { createTestDatabase, type TestDatabase } from "@diemcau/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelEvent } from "./cancel-event";
import { createConference } from "./create-conference";
import { AppError } from "../errors/app-error";
import { updateConference } from "./update-conference";

// Real PostgreSQL: a throwaway database with every migration and the demo seed.
let database: TestDatabase;
let db: Db;
let staffId: string;
let dongHa: string;
let camLo: string;
const NOW = new Date("2030-03-01T00:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.url);
  await seedDemo(db);
  staffId = (await db.user.findUniqueOrThrow({ where: { email: "canbo@diemcau.local" } })).id;
  dongHa = (await db.bridgePoint.findFirstOrThrow({ where: { name: { contains: "Đông Hà" } } })).id;
  camLo = (await db.bridgePoint.findFirstOrThrow({ where: { name: { contains: "Cam Lộ" } } })).id;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const conference = (overrides: Record<string, unknown> = {}) => ({
  title: "Hội nghị sơ kết học kỳ I",
  description: "Sơ kết, đánh giá học kỳ I",
  startsAt: "2030-03-10T08:00",
  endsAt: "2030-03-10T11:30",
  hostId: staffId,
  allBridgePoints: false,
  bridgePointIds: [dongHa],
  record: true,
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("conferences on a real database", () => {
  it("books all 9 bridge points with one flag, storing times in UTC", async () => {
    const { id } = await createConference(db, conference({ title: "Hội nghị toàn ngành", allBridgePoints: true, startsAt: "2030-03-05T08:00", endsAt: "2030-03-05T10:00" }), NOW);
    const saved = await db.event.findUniqueOrThrow({ where: { id }, include: { bridgePoints: true } });
    expect(saved.bridgePoints).toHaveLength(9);
    expect(saved.startsAt.toISOString()).toBe("2030-03-05T01:00:00.000Z");
    expect(saved).toMatchObject({ kind: "CONFERENCE", record: true });
  });

  it("creates a conference with the documents that convened it, or nothing at all", async () => {
    const plan = { source: "MANUAL", document: { numberNotation: "15/KH-SGDĐT", documentType: "Kế hoạch", subject: "Tập huấn chuyển đổi số" } };
    const dispatch = { source: "EDXML", document: { numberNotation: "1234/SGDĐT-VP", subject: "V/v tổ chức hội nghị", promulgatedOn: "2024-09-05" } };
    const { id } = await createConference(db, conference({ title: "Hội nghị có văn bản", startsAt: "2030-03-20T08:00", endsAt: "2030-03-20T09:00", documents: [plan, dispatch] }), NOW);
    const links = await db.documentLink.findMany({ where: { eventId: id }, orderBy: { numberNotation: "asc" } });
    expect(links.map((l) => [l.numberNotation, l.source, l.promulgatedOn?.toISOString() ?? null])).toEqual([
      ["1234/SGDĐT-VP", "EDXML", "2024-09-05T00:00:00.000Z"],
      ["15/KH-SGDĐT", "MANUAL", null],
    ]);

    const [events, documents] = [await db.event.count(), await db.documentLink.count()];
    const twice = await refusal(createConference(db, conference({ title: "Trùng văn bản", startsAt: "2030-03-21T08:00", endsAt: "2030-03-21T09:00", documents: [plan, plan] }), NOW));
    expect([twice.code, twice.message]).toEqual(["DOCUMENT_ALREADY_LINKED", "Văn bản số 15/KH-SGDĐT đã được đính kèm."]);
    const bad = await refusal(createConference(db, conference({ title: "Thiếu trích yếu", startsAt: "2030-03-21T08:00", endsAt: "2030-03-21T09:00", documents: [{ source: "MANUAL", document: { numberNotation: "16/KH-SGDĐT", subject: "" } }] }), NOW));
    expect([bad.code, bad.field]).toEqual(["INVALID_INPUT", "documents.0.document.subject"]);
    expect([await db.event.count(), await db.documentLink.count()]).toEqual([events, documents]);
  });

  it("refuses a bridge point booked into an overlapping event and names that event", async () => {
    await createConference(db, conference({ title: "Tập huấn A", startsAt: "2030-03-06T08:00", endsAt: "2030-03-06T10:00" }), NOW);
    const before = await db.event.count();
    const error = await refusal(
      createConference(db, conference({ title: "Tập huấn B", startsAt: "2030-03-06T09:30", endsAt: "2030-03-06T11:00", bridgePointIds: [camLo, dongHa] }), NOW),
    );
    expect(error.code).toBe("BRIDGE_POINT_CLASH");
    expect(error.message).toBe(
      "Trùng lịch: Điểm cầu Phòng GD&ĐT Đông Hà đã tham gia “Tập huấn A” (08:00–10:00 ngày 06/03/2030).",
    );
    expect(await db.event.count()).toBe(before);
    // Back-to-back is fine, and so is another bridge point at the same time.
    await createConference(db, conference({ title: "Tập huấn C", startsAt: "2030-03-06T10:00", endsAt: "2030-03-06T11:00" }), NOW);
    await createConference(db, conference({ title: "Tập huấn D", startsAt: "2030-03-06T08:00", endsAt: "2030-03-06T10:00", bridgePointIds: [camLo] }), NOW);
  });

  it("gives a precise Vietnamese refusal for bad input and saves nothing", async () => {
    const before = await db.event.count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ title: "   " }, "TITLE_REQUIRED", "Vui lòng nhập tiêu đề."],
      [{ endsAt: "2030-03-10T07:00" }, "END_BEFORE_START", "Thời gian kết thúc phải sau thời gian bắt đầu."],
      [{ startsAt: "2030-02-01T08:00", endsAt: "2030-02-01T09:00" }, "START_IN_PAST", "Thời gian bắt đầu đã qua. Vui lòng chọn một thời điểm trong tương lai."],
      [{ bridgePointIds: [] }, "NO_BRIDGE_POINTS", "Vui lòng chọn ít nhất một điểm cầu."],
      [{ startsAt: "2030-02-30T08:00" }, "INVALID_START", "Thời gian bắt đầu không phải là ngày giờ hợp lệ."],
    ];
    for (const [overrides, code, message] of cases) {
      const error = await refusal(createConference(db, conference(overrides), NOW));
      expect([error.code, error.message]).toEqual([code, message]);
    }
    expect(await db.event.count()).toBe(before);
  });

  it("lets only one of two concurrent bookings of the same bridge point through", async () => {
    for (let round = 0; round < 5; round++) {
      const day = `2030-04-${String(round + 1).padStart(2, "0")}`;
      const results = await Promise.allSettled(
        ["Phiên 1", "Phiên 2", "Phiên 3"].map((title) =>
          createConference(db, conference({ title, startsAt: `${day}T14:00`, endsAt: `${day}T16:00`, bridgePointIds: [camLo] }), NOW),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("BRIDGE_POINT_CLASH");
    }
  });

  it("edits a conference and notifies the bridge points it had and now has", async () => {
    const { id } = await createConference(db, conference({ title: "Họp giao ban", startsAt: "2030-03-12T08:00", endsAt: "2030-03-12T09:00" }), NOW);
    await updateConference(db, id, staffId, conference({ title: "Họp giao ban (dời giờ)", startsAt: "2030-03-12T14:00", endsAt: "2030-03-12T15:00", bridgePointIds: [camLo] }), NOW);
    const saved = await db.event.findUniqueOrThrow({ where: { id }, include: { bridgePoints: true } });
    expect(saved.startsAt.toISOString()).toBe("2030-03-12T07:00:00.000Z");
    expect(saved.bridgePoints.map((bp) => bp.bridgePointId)).toEqual([camLo]);
    const notices = await db.notification.findMany({ where: { eventId: id }, include: { user: { select: { email: true } } } });
    // Đông Hà (dropped) and Cam Lộ (added) hear of it; the staff member who edited does not.
    expect(notices.map((n) => n.user.email).sort()).toEqual(["camlo@diemcau.local", "dongha@diemcau.local"]);
    expect(notices.every((n) => n.kind === "EVENT_UPDATED" && n.title === "Họp giao ban (dời giờ)")).toBe(true);
  });

  it("lets a meeting that has begun be corrected without moving its start", async () => {
    const { id } = await createConference(db, conference({ title: "Họp đang diễn ra", startsAt: "2030-03-15T08:00", endsAt: "2030-03-15T10:00" }), NOW);
    const duringIt = new Date("2030-03-15T01:30:00Z"); // 08:30 in Vietnam
    await updateConference(db, id, staffId, conference({ title: "Họp đang diễn ra (sửa tên)", startsAt: "2030-03-15T08:00", endsAt: "2030-03-15T10:30" }), duringIt);
    expect((await db.event.findUniqueOrThrow({ where: { id } })).title).toBe("Họp đang diễn ra (sửa tên)");
    const error = await refusal(updateConference(db, id, staffId, conference({ startsAt: "2030-03-15T07:00", endsAt: "2030-03-15T10:30" }), duringIt));
    expect(error.code).toBe("START_IN_PAST");
  });

  it("refuses an edit onto a booked slot and leaves the event as it was", async () => {
    const { id } = await createConference(db, conference({ title: "Họp chuyên đề", startsAt: "2030-03-13T08:00", endsAt: "2030-03-13T09:00" }), NOW);
    await createConference(db, conference({ title: "Họp khác", startsAt: "2030-03-13T10:00", endsAt: "2030-03-13T11:00" }), NOW);
    const error = await refusal(updateConference(db, id, staffId, conference({ title: "Họp chuyên đề", startsAt: "2030-03-13T10:30", endsAt: "2030-03-13T11:30" }), NOW));
    expect(error.message).toContain("“Họp khác”");
    const saved = await db.event.findUniqueOrThrow({ where: { id } });
    expect(saved.startsAt.toISOString()).toBe("2030-03-13T01:00:00.000Z");
    expect(await db.notification.count({ where: { eventId: id } })).toBe(0);
  });

  it("cancels a conference, notifies participants and frees the slot", async () => {
    const { id } = await createConference(db, conference({ title: "Hội nghị bị hủy", startsAt: "2030-03-14T08:00", endsAt: "2030-03-14T09:00", allBridgePoints: true }), NOW);
    await cancelEvent(db, id, { id: staffId, role: "STAFF" }, NOW);
    expect((await db.event.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELLED");
    expect(await db.notification.count({ where: { eventId: id, kind: "EVENT_CANCELLED" } })).toBe(9);
    expect((await refusal(cancelEvent(db, id, { id: staffId, role: "STAFF" }, NOW))).code).toBe("EVENT_CANCELLED");
    await createConference(db, conference({ title: "Thay thế", startsAt: "2030-03-14T08:00", endsAt: "2030-03-14T09:00" }), NOW);
    const student = await db.user.findUniqueOrThrow({ where: { email: "hs.minh@diemcau.local" } });
    expect((await refusal(cancelEvent(db, id, { id: student.id, role: "STUDENT" }, NOW))).code).toBe("FORBIDDEN");
  });

  it("lets a teacher asked to host a conference run it but not cancel it", async () => {
    const teacher = await db.user.findUniqueOrThrow({ where: { email: "gv.lan@diemcau.local" } });
    const { id } = await createConference(db, conference({ title: "Chuyên đề do giáo viên chủ trì", startsAt: "2030-03-17T08:00", endsAt: "2030-03-17T09:00", hostId: teacher.id }), NOW);
    expect((await refusal(cancelEvent(db, id, { id: teacher.id, role: "TEACHER" }, NOW))).code).toBe("FORBIDDEN");
    expect((await db.event.findUniqueOrThrow({ where: { id } })).status).toBe("SCHEDULED");
    await cancelEvent(db, id, { id: staffId, role: "STAFF" }, NOW);
  });
});

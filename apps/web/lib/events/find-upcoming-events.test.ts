import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { findUpcomingEvents } from "./find-upcoming-events";

describe("findUpcomingEvents", () => {
  let t: TestDatabase;
  let teacherId: string;
  const now = new Date("2026-12-02T03:00:00Z"); // Wednesday 10:00 in Vietnam

  beforeAll(async () => {
    t = await createTestDatabase();
    const org = await t.db.organization.create({ data: { name: "Sở GD&ĐT" } });
    await t.db.district.create({ data: { name: "Đông Hà", organizationId: org.id } });
    const teacher = await t.db.user.create({
      data: { email: "gv@test.local", name: "Lê Thị Lan", passwordHash: "x", role: "TEACHER" },
    });
    teacherId = teacher.id;
    // A weekly Monday lesson whose first occurrence (02/11/2026) is a month in the past.
    await t.db.event.create({
      data: {
        kind: "CLASS",
        title: "Toán 9A",
        hostId: teacher.id,
        startsAt: new Date("2026-11-02T12:00:00Z"),
        endsAt: new Date("2026-11-02T13:00:00Z"),
        rrule: "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270531T165959Z",
        seriesEndsAt: new Date("2027-05-31T13:00:00Z"),
      },
    });
    await t.db.event.create({
      data: {
        kind: "CLASS",
        title: "Buổi đã qua",
        hostId: teacher.id,
        startsAt: new Date("2026-11-30T12:00:00Z"),
        endsAt: new Date("2026-11-30T13:00:00Z"),
      },
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("lists a weekly series whose first lesson is past, at its next lesson", async () => {
    const events = await findUpcomingEvents(t.db, { hostOrTeacherId: teacherId }, now);
    expect(events.map((e) => e.title)).toEqual(["Toán 9A"]);
    expect(events[0]?.startsAt.toISOString()).toBe("2026-12-07T12:00:00.000Z");
    expect(events[0]?.endsAt.toISOString()).toBe("2026-12-07T13:00:00.000Z");
  });
});

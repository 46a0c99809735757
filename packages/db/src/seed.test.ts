import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "./client";
import { Role } from "./generated/prisma/enums";
import { verifyPassword } from "./password";
import { DEMO_ACCOUNTS, DEMO_DISTRICTS, isDemoMode, seedDemo, seedDepartment } from "./seed";
import { createTestDatabase, type TestDatabase } from "./test-database";

async function countAll(db: Db) {
  const [organizations, districts, bridgePoints, users, courses, enrollments, events, eventBridgePoints] =
    await Promise.all([
      db.organization.count(),
      db.district.count(),
      db.bridgePoint.count(),
      db.user.count(),
      db.course.count(),
      db.enrollment.count(),
      db.event.count(),
      db.eventBridgePoint.count(),
    ]);
  return { organizations, districts, bridgePoints, users, courses, enrollments, events, eventBridgePoints };
}

describe("demo seed", () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url);
    await seedDemo(db);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("creates the department and its 9 districts", async () => {
    const organization = await db.organization.findFirstOrThrow({ include: { districts: true } });
    expect(organization.name).toBe("Sở Giáo dục và Đào tạo Quảng Trị");
    expect(organization.districts.map((d) => d.name).sort()).toEqual(DEMO_DISTRICTS.map((d) => d.name).sort());
  });

  it("gives each of the 9 bridge points exactly one room account in its own district", async () => {
    const bridgePoints = await db.bridgePoint.findMany({ include: { accounts: true, district: true } });
    expect(bridgePoints).toHaveLength(9);
    for (const point of bridgePoints) {
      expect(point.name).toBe(`Điểm cầu Phòng GD&ĐT ${point.district.name}`);
      expect(point.accounts).toHaveLength(1);
      const [account] = point.accounts;
      expect(account!.role).toBe(Role.BRIDGE_POINT);
      expect(account!.districtId).toBe(point.districtId);
    }
    expect(await db.user.count({ where: { role: Role.BRIDGE_POINT } })).toBe(9);
  });

  it("has the people of the demo and a course with enrolled students", async () => {
    const byRole = Object.fromEntries(
      (await db.user.groupBy({ by: ["role"], _count: true })).map((g) => [g.role, g._count]),
    );
    expect(byRole).toMatchObject({ ADMIN: 1, STAFF: 1, TEACHER: 2 });
    expect(byRole.STUDENT).toBeGreaterThanOrEqual(4);
    const course = await db.course.findFirstOrThrow({ include: { teacher: true, enrollments: { include: { user: true } } } });
    expect(course).toMatchObject({ name: "Toán 9A", subject: "Toán", grade: 9, schoolYear: "2026-2027" });
    expect(course.teacher.role).toBe(Role.TEACHER);
    expect(course.enrollments.length).toBeGreaterThanOrEqual(4);
    expect(course.enrollments.every((e) => e.user.role === Role.STUDENT)).toBe(true);
  });

  it("schedules an upcoming conference at all 9 bridge points, one at a selection and a weekly class", async () => {
    const events = await db.event.findMany({ include: { bridgePoints: true } });
    const now = Date.now();
    const conferences = events.filter((e) => e.kind === "CONFERENCE");
    expect(conferences.some((e) => e.bridgePoints.length === 9 && e.startsAt.getTime() > now)).toBe(true);
    expect(conferences.some((e) => e.bridgePoints.length > 0 && e.bridgePoints.length < 9)).toBe(true);
    const lesson = events.find((e) => e.kind === "CLASS");
    expect(lesson?.rrule).toMatch(/^FREQ=WEEKLY;BYDAY=/);
    expect(lesson?.courseId).not.toBeNull();
    for (const event of events) expect(event.endsAt.getTime()).toBeGreaterThan(event.startsAt.getTime());
  });

  it("marks every demo account as demo, with the published password to be changed at first sign-in", async () => {
    const users = await db.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
    expect(users.map((u) => [u.email, u.isDemo, u.mustChangePassword])).toEqual(users.map((u) => [u.email, true, true]));
  });

  it("signs every demo account in with the demo password", async () => {
    const users = await db.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
    expect(users).toHaveLength(DEMO_ACCOUNTS.length);
    for (const account of DEMO_ACCOUNTS) {
      const user = users.find((u) => u.email === account.email)!;
      expect(user.role).toBe(account.role);
      expect(user.name).toBe(account.name);
      expect(await verifyPassword(user.passwordHash, account.password)).toBe(true);
      expect(await verifyPassword(user.passwordHash, "wrong")).toBe(false);
    }
  });

  it("adds nothing when run again", async () => {
    const before = await countAll(db);
    await seedDemo(db);
    expect(await countAll(db)).toEqual(before);
  });

  it("moves a one-off demo event that has passed forward again, and only that", async () => {
    const later = new Date(Date.now() + 30 * 86_400_000);
    const before = await db.event.findMany({ orderBy: { roomName: "asc" } });
    await seedDemo(db, later);
    const after = await db.event.findMany({ orderBy: { roomName: "asc" } });
    for (const [i, event] of after.entries()) {
      if (event.rrule) expect(event.startsAt).toEqual(before[i]!.startsAt);
      else expect(event.startsAt.getTime()).toBeGreaterThan(later.getTime());
    }
  });
});

describe("a production install's seed", () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("has the department and its bridge points but no people", async () => {
    await seedDepartment(db);
    expect(await countAll(db)).toMatchObject({ organizations: 1, districts: 9, bridgePoints: 9, users: 0, events: 0 });
  });

  it("is what NODE_ENV=production or DIEMCAU_DEMO=0 asks for; DIEMCAU_DEMO=1 forces the demo", () => {
    expect(isDemoMode({})).toBe(true);
    expect(isDemoMode({ NODE_ENV: "development" })).toBe(true);
    expect(isDemoMode({ NODE_ENV: "production" })).toBe(false);
    expect(isDemoMode({ DIEMCAU_DEMO: "0" })).toBe(false);
    expect(isDemoMode({ NODE_ENV: "production", DIEMCAU_DEMO: "1" })).toBe(true);
  });
});

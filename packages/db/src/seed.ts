import type { Db } from "./client";
import { DocumentLinkSource, EventKind, EventStatus, Role } from "./generated/prisma/enums";
import { hashPassword } from "./password";

// The Quảng Trị department, and the demo built on it. Every row is upserted on a unique key
// (email, name, roomName, a fixed id where the model has no natural key), so running the seed
// again adds nothing and leaves rows that already exist as they are.

/** Published in the README: every demo account must choose its own password at first sign-in. */
export const DEMO_PASSWORD = "DiemCau@2026";

/**
 * Demo people (accounts with the published password, lessons, events) are seeded unless this is
 * a production install: `NODE_ENV=production`, or `DIEMCAU_DEMO=0`. `DIEMCAU_DEMO=1` forces the
 * demo even in production mode.
 */
export function isDemoMode(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DIEMCAU_DEMO === "0") return false;
  if (env.DIEMCAU_DEMO === "1") return true;
  return env.NODE_ENV !== "production";
}

export type DemoAccount = { email: string; password: string; role: Role; name: string };

type DemoDistrict = { name: string; kind: "thành phố" | "thị xã" | "huyện"; login: string };

// The 9 bridge points named in the department's reports (before the 2025 reorganization).
export const DEMO_DISTRICTS: readonly DemoDistrict[] = [
  { name: "Đông Hà", kind: "thành phố", login: "dongha" },
  { name: "Quảng Trị", kind: "thị xã", login: "quangtri" },
  { name: "Vĩnh Linh", kind: "huyện", login: "vinhlinh" },
  { name: "Gio Linh", kind: "huyện", login: "giolinh" },
  { name: "Cam Lộ", kind: "huyện", login: "camlo" },
  { name: "Triệu Phong", kind: "huyện", login: "trieuphong" },
  { name: "Hải Lăng", kind: "huyện", login: "hailang" },
  { name: "Hướng Hóa", kind: "huyện", login: "huonghoa" },
  { name: "Đa Krông", kind: "huyện", login: "dakrong" },
];

export function bridgePointName(district: string): string {
  return `Điểm cầu Phòng GD&ĐT ${district}`;
}

const SCHOOL = "Trường THCS Nguyễn Trãi";

type DemoPerson = DemoAccount & { district?: string; school?: string };

const PEOPLE: readonly DemoPerson[] = [
  { email: "admin@diemcau.local", role: Role.ADMIN, name: "Nguyễn Văn An" },
  { email: "canbo@diemcau.local", role: Role.STAFF, name: "Trần Thị Bình" },
  { email: "gv.lan@diemcau.local", role: Role.TEACHER, name: "Lê Thị Lan", district: "Đông Hà", school: SCHOOL },
  { email: "gv.hung@diemcau.local", role: Role.TEACHER, name: "Phạm Văn Hùng", district: "Cam Lộ", school: "Trường THCS Cam Lộ" },
  { email: "hs.minh@diemcau.local", role: Role.STUDENT, name: "Hoàng Đức Minh", district: "Đông Hà", school: SCHOOL },
  { email: "hs.mai@diemcau.local", role: Role.STUDENT, name: "Nguyễn Thị Mai", district: "Đông Hà", school: SCHOOL },
  { email: "hs.bao@diemcau.local", role: Role.STUDENT, name: "Trần Quốc Bảo", district: "Đông Hà", school: SCHOOL },
  { email: "hs.linh@diemcau.local", role: Role.STUDENT, name: "Lê Khánh Linh", district: "Đông Hà", school: SCHOOL },
].map((person) => ({ ...person, password: DEMO_PASSWORD }));

const ROOM_ACCOUNTS: readonly (DemoPerson & { district: string })[] = DEMO_DISTRICTS.map((d) => ({
  email: `${d.login}@diemcau.local`,
  password: DEMO_PASSWORD,
  role: Role.BRIDGE_POINT,
  name: bridgePointName(d.name),
  district: d.name,
}));

/** Every demo sign-in: staff, teachers and students first, then the 9 bridge-point rooms. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [...PEOPLE, ...ROOM_ACCOUNTS].map(
  ({ email, password, role, name }) => ({ email, password, role, name }),
);

const ORGANIZATION_ID = "demo-org-sgddt-quang-tri";
const COURSE_ID = "demo-course-toan-9a";
const VIETNAM_OFFSET_HOURS = 7; // Asia/Ho_Chi_Minh has no daylight saving time

/** `days` after today's date in Vietnam, at hh:mm Vietnam time. */
function vietnamTime(now: Date, days: number, hours: number, minutes = 0): Date {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_HOURS * 3_600_000);
  return new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, hours - VIETNAM_OFFSET_HOURS, minutes),
  );
}

/** Days from today (Vietnam) to the next of `weekdays` (0 = Sunday), never today. */
function daysUntilNext(now: Date, weekdays: number[]): number {
  const today = vietnamTime(now, 0, 12).getUTCDay();
  for (let days = 1; ; days++) if (weekdays.includes((today + days) % 7)) return days;
}

export type SeedSummary = { districts: number; bridgePoints: number; users: number; events: number };

type DepartmentIds = { districtIds: Map<string, string>; bridgePointIds: Map<string, string> };

/** The department, its districts and their bridge points: what every install starts with. */
export async function seedDepartment(db: Db): Promise<DepartmentIds> {
  const organization = await db.organization.upsert({
    where: { id: ORGANIZATION_ID },
    update: {},
    // organId: a demo electronic id; the department enters its own (mã định danh) for real use.
    create: { id: ORGANIZATION_ID, name: "Sở Giáo dục và Đào tạo Quảng Trị", shortName: "Sở GD&ĐT Quảng Trị", organId: "000.00.00.H48", place: "Quảng Trị" },
  });

  const districtIds = new Map<string, string>();
  const bridgePointIds = new Map<string, string>();
  for (const d of DEMO_DISTRICTS) {
    const district = await db.district.upsert({
      where: { name: d.name },
      update: {},
      create: { name: d.name, kind: d.kind, organizationId: organization.id },
    });
    const bridgePoint = await db.bridgePoint.upsert({
      where: { name: bridgePointName(d.name) },
      update: {},
      create: {
        name: bridgePointName(d.name),
        location: `Phòng Giáo dục và Đào tạo ${d.kind} ${d.name}`,
        districtId: district.id,
      },
    });
    districtIds.set(d.name, district.id);
    bridgePointIds.set(d.name, bridgePoint.id);
  }
  return { districtIds, bridgePointIds };
}

/** The department plus demo people (marked isDemo, with a password to change at first sign-in), a class and events. */
export async function seedDemo(db: Db, now: Date = new Date()): Promise<SeedSummary> {
  const { districtIds, bridgePointIds } = await seedDepartment(db);
  const userIds = new Map<string, string>();
  for (const person of [...PEOPLE, ...ROOM_ACCOUNTS]) {
    const existing = await db.user.findUnique({ where: { email: person.email }, select: { id: true } });
    const user =
      existing ??
      (await db.user.create({
        data: {
          email: person.email,
          name: person.name,
          role: person.role,
          passwordHash: await hashPassword(person.password),
          isDemo: true,
          mustChangePassword: true,
          school: person.school,
          districtId: person.district ? districtIds.get(person.district) : undefined,
          bridgePointId: person.role === Role.BRIDGE_POINT && person.district ? bridgePointIds.get(person.district) : undefined,
        },
        select: { id: true },
      }));
    userIds.set(person.email, user.id);
  }
  const idOf = (email: string) => userIds.get(email)!;

  const course = await db.course.upsert({
    where: { id: COURSE_ID },
    update: {},
    create: {
      id: COURSE_ID,
      name: "Toán 9A",
      subject: "Toán",
      grade: 9,
      schoolYear: "2026-2027",
      school: SCHOOL,
      teacherId: idOf("gv.lan@diemcau.local"),
    },
  });
  for (const person of PEOPLE.filter((p) => p.role === Role.STUDENT)) {
    const userId = idOf(person.email);
    await db.enrollment.upsert({
      where: { courseId_userId: { courseId: course.id, userId } },
      update: {},
      create: { courseId: course.id, userId },
    });
  }

  const allDistricts = DEMO_DISTRICTS.map((d) => d.name);
  const classDay = daysUntilNext(now, [2, 4]); // Tuesday, Thursday
  const events = [
    {
      roomName: "demo-hoi-nghi-trien-khai-nam-hoc",
      kind: EventKind.CONFERENCE,
      title: "Hội nghị trực tuyến triển khai nhiệm vụ năm học 2026-2027",
      description: "Sở GD&ĐT chủ trì, kết nối 9 điểm cầu Phòng GD&ĐT các huyện, thị xã, thành phố.",
      startsAt: vietnamTime(now, 2, 8),
      endsAt: vietnamTime(now, 2, 11, 30),
      record: true,
      documents: [
        {
          numberNotation: "1234/SGDĐT-VP",
          documentType: "Công văn",
          issuer: "Sở Giáo dục và Đào tạo Quảng Trị",
          promulgatedOn: new Date("2026-08-25T00:00:00Z"),
          subject: "Tổ chức hội nghị trực tuyến triển khai nhiệm vụ năm học 2026-2027",
          source: DocumentLinkSource.MANUAL,
        },
      ],
      hostEmail: "canbo@diemcau.local",
      districts: allDistricts,
    },
    {
      roomName: "demo-tap-huan-chuyen-doi-so",
      kind: EventKind.CONFERENCE,
      title: "Tập huấn chuyển đổi số trong dạy học",
      description: "Tập huấn cho cán bộ quản lý và giáo viên cốt cán các huyện miền núi và ven biển.",
      startsAt: vietnamTime(now, 4, 14),
      endsAt: vietnamTime(now, 4, 16, 30),
      record: true,
      hostEmail: "admin@diemcau.local",
      districts: ["Vĩnh Linh", "Gio Linh", "Hướng Hóa", "Đa Krông"],
    },
    {
      roomName: "demo-lop-toan-9a",
      kind: EventKind.CLASS,
      title: "Toán 9A — Phương trình bậc hai một ẩn",
      description: "Lớp học trực tuyến hằng tuần vào tối thứ Ba và thứ Năm.",
      startsAt: vietnamTime(now, classDay, 19, 30),
      endsAt: vietnamTime(now, classDay, 20, 15),
      rrule: "FREQ=WEEKLY;BYDAY=TU,TH",
      record: true,
      hostEmail: "gv.lan@diemcau.local",
      courseId: course.id,
      districts: [],
    },
  ];

  for (const { hostEmail, districts, documents = [], ...event } of events) {
    const existing = await db.event.findUnique({ where: { roomName: event.roomName } });
    // A one-off demo event that has passed moves forward again, so the demo always has
    // something upcoming; anything still ahead (or recurring) is left as it is.
    const stale = existing && !existing.rrule && existing.endsAt < now;
    const saved = await db.event.upsert({
      where: { roomName: event.roomName },
      update: stale ? { startsAt: event.startsAt, endsAt: event.endsAt, status: EventStatus.SCHEDULED } : {},
      create: { ...event, hostId: idOf(hostEmail) },
    });
    for (const district of districts) {
      const bridgePointId = bridgePointIds.get(district)!;
      await db.eventBridgePoint.upsert({
        where: { eventId_bridgePointId: { eventId: saved.id, bridgePointId } },
        update: {},
        create: { eventId: saved.id, bridgePointId },
      });
    }
    for (const document of documents) {
      await db.documentLink.upsert({
        where: { eventId_numberNotation: { eventId: saved.id, numberNotation: document.numberNotation } },
        update: {},
        create: { ...document, eventId: saved.id },
      });
    }
  }

  return {
    districts: DEMO_DISTRICTS.length,
    bridgePoints: bridgePointIds.size,
    users: userIds.size,
    events: events.length,
  };
}

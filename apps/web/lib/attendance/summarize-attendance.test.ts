import { describe, expect, it } from "vitest";
import { LATE_AFTER_MINUTES, summarizeAttendance, type TAttendanceRecord } from "./summarize-attendance";

const START = new Date("2026-09-07T01:00:00Z"); // 08:00 in Asia/Ho_Chi_Minh
const END = new Date("2026-09-07T03:00:00Z");
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const record = (userId: string | null, displayName: string, bridgePointId: string | null, from: number, to: number | null): TAttendanceRecord => ({
  userId,
  displayName,
  bridgePointId,
  joinedAt: at(from),
  leftAt: to === null ? null : at(to),
});

const bridgePoints = [
  { id: "bp-dh", name: "Điểm cầu Đông Hà", district: "Đông Hà" },
  { id: "bp-qt", name: "Điểm cầu Quảng Trị", district: "Quảng Trị" },
  { id: "bp-gl", name: "Điểm cầu Gio Linh", district: "Gio Linh" },
  { id: "bp-gl2", name: "Điểm cầu Gio Linh 2", district: "Gio Linh" },
];

describe("summarizeAttendance", () => {
  it("marks present, late and absent with a named threshold, per person and per bridge point by district", () => {
    const summary = summarizeAttendance({
      window: { startsAt: START, endsAt: END },
      records: [
        record("u-host", "Trần Thị Lan", null, -5, 120),
        record("u-dh", "Đông Hà", "bp-dh", 0, 120),
        record("u-qt", "Quảng Trị", "bp-qt", LATE_AFTER_MINUTES + 1, 100),
        record("u-gl", "Gio Linh", "bp-gl", LATE_AFTER_MINUTES, 60), // exactly at the threshold: on time
      ],
      expectedPeople: [
        { userId: "u-host", name: "Trần Thị Lan" },
        { userId: "u-absent", name: "Lê Văn Vắng" },
      ],
      expectedBridgePoints: bridgePoints,
      now: at(200),
    });
    const byName = Object.fromEntries(summary.people.map((p) => [p.name, p.status]));
    expect(byName).toEqual({ "Trần Thị Lan": "present", "Đông Hà": "present", "Quảng Trị": "late", "Gio Linh": "present", "Lê Văn Vắng": "absent" });
    expect(summary.people.at(-1)!.name).toBe("Lê Văn Vắng");
    expect(Object.fromEntries(summary.bridgePoints.map((b) => [b.id, b.status]))).toEqual({
      "bp-dh": "present",
      "bp-qt": "late",
      "bp-gl": "present",
      "bp-gl2": "absent",
    });
    expect(summary.districts).toEqual([
      { district: "Đông Hà", present: 1, late: 0, absent: 0 },
      { district: "Gio Linh", present: 1, late: 0, absent: 1 },
      { district: "Quảng Trị", present: 0, late: 1, absent: 0 },
    ]);
    expect(summary.totals).toEqual({ present: 2, late: 1, absent: 1 });
  });

  it("merges reconnects and overlapping tabs into one duration and counts the joins", () => {
    const summary = summarizeAttendance({
      window: { startsAt: START, endsAt: END },
      records: [
        record("u1", "Nguyễn Văn An", null, 0, 30),
        record("u1", "Nguyễn Văn An", null, 32, 60), // reconnect after a 2-minute drop
        record("u1", "Nguyễn Văn An", null, 50, 70), // a second tab overlapping the first
      ],
      expectedPeople: [],
      expectedBridgePoints: [],
      now: at(500),
    });
    const [person] = summary.people;
    expect(person).toMatchObject({ status: "present", joins: 3, durationMs: (30 + 38) * 60_000 });
    expect(person!.lastLeftAt).toEqual(at(70));
  });

  it("counts an open connection until now during the session and until the end after it", () => {
    const during = summarizeAttendance({
      window: { startsAt: START, endsAt: END },
      records: [record("u1", "An", null, 0, null)],
      expectedPeople: [],
      expectedBridgePoints: [],
      now: at(45),
    });
    expect(during.people[0]!.durationMs).toBe(45 * 60_000);
    const after = summarizeAttendance({ ...{ window: { startsAt: START, endsAt: END } }, records: [record("u1", "An", null, 0, null)], expectedPeople: [], expectedBridgePoints: [], now: at(600) });
    expect(after.people[0]!.durationMs).toBe(120 * 60_000);
  });

  it("ignores records of another session of the series and keeps guests apart by name", () => {
    const summary = summarizeAttendance({
      window: { startsAt: START, endsAt: END },
      records: [
        record("u1", "An", null, -7 * 24 * 60, -7 * 24 * 60 + 90), // last week's lesson
        record(null, "Khách mời Hà", null, 20, 40),
      ],
      expectedPeople: [{ userId: "u1", name: "An" }],
      expectedBridgePoints: [],
      now: at(600),
    });
    expect(summary.people.map((p) => [p.key, p.status])).toEqual([
      ["guest:Khách mời Hà", "late"],
      ["u1", "absent"],
    ]);
    expect(summary.totals).toEqual({ present: 0, late: 1, absent: 1 });
  });
});

import { describe, expect, it } from "vitest";
import { startOfLocalWeek } from "@diemcau/calendar/time-zone";
import { layoutWeek } from "./week-layout";

const at = (iso: string) => new Date(iso);

describe("layoutWeek", () => {
  const weekStart = startOfLocalWeek(at("2026-12-02T05:00:00Z")); // Wednesday → Monday 30/11/2026 00:00 ICT

  it("starts weeks on Monday midnight in Vietnam", () => {
    expect(weekStart.toISOString()).toBe("2026-11-29T17:00:00.000Z");
  });

  it("splits an item crossing midnight over two days and widens the hours shown", () => {
    const late = { startsAt: at("2026-12-05T16:00:00Z"), endsAt: at("2026-12-05T17:30:00Z") }; // Sat 23:00 → Sun 00:30
    const { days, firstHour, lastHour } = layoutWeek([late], weekStart);
    expect(days.map((d) => d.key)).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(days[5]!.segments.map((s) => [s.startMinute, s.endMinute])).toEqual([[1380, 1440]]);
    expect(days[6]!.segments.map((s) => [s.startMinute, s.endMinute])).toEqual([[0, 30]]);
    expect([firstHour, lastHour]).toEqual([0, 24]);
  });

  it("puts overlapping items side by side", () => {
    const a = { startsAt: at("2026-12-02T01:00:00Z"), endsAt: at("2026-12-02T03:00:00Z") };
    const b = { startsAt: at("2026-12-02T02:00:00Z"), endsAt: at("2026-12-02T04:00:00Z") };
    const c = { startsAt: at("2026-12-02T05:00:00Z"), endsAt: at("2026-12-02T06:00:00Z") };
    const day = layoutWeek([c, b, a], weekStart).days[2]!;
    expect(day.segments.map((s) => [s.lane, s.lanes])).toEqual([[0, 2], [1, 2], [0, 1]]);
  });
});

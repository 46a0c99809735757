import { describe, expect, it } from "vitest";
import { daysOutside, monthOf, pastMonthsOf } from "./month-rollups";
import { resolvePeriod } from "./statistics-query";

const MID_NOVEMBER = new Date("2026-11-10T03:00:00Z");

describe("pastMonthsOf()", () => {
  it("gives the whole months of a school year that are over, midnight to midnight in Hà Nội time", () => {
    const year = resolvePeriod({ period: "school-year", date: "2026-10-15" }, MID_NOVEMBER);
    const months = pastMonthsOf(year, MID_NOVEMBER);
    expect(months.map((m) => m.key)).toEqual(["2026-09-01", "2026-10-01"]);
    expect(months[0]).toMatchObject({ nextKey: "2026-10-01", from: new Date("2026-08-31T17:00:00Z"), to: new Date("2026-09-30T17:00:00Z") });
  });

  it("counts a month as over from midnight of the first day after it", () => {
    const year = resolvePeriod({ period: "school-year", date: "2026-10-15" }, MID_NOVEMBER);
    expect(pastMonthsOf(year, new Date("2026-10-31T16:59:59Z")).map((m) => m.key)).toEqual(["2026-09-01"]);
    expect(pastMonthsOf(year, new Date("2026-10-31T17:00:00Z")).map((m) => m.key)).toEqual(["2026-09-01", "2026-10-01"]);
  });

  it("leaves out the months a range cuts, and every month of a period drawn by day", () => {
    const range = resolvePeriod({ period: "range", from: "2026-01-15", to: "2026-05-10" }, MID_NOVEMBER);
    expect(pastMonthsOf(range, MID_NOVEMBER).map((m) => m.key)).toEqual(["2026-02-01", "2026-03-01", "2026-04-01"]);
    const month = resolvePeriod({ period: "month", date: "2026-03-15" }, MID_NOVEMBER);
    expect(month.bucket).toBe("day");
    expect(pastMonthsOf(month, MID_NOVEMBER)).toEqual([]);
  });
});

describe("monthOf()", () => {
  it("finds the month an instant falls in, by its start in Hà Nội time", () => {
    const months = pastMonthsOf(resolvePeriod({ period: "school-year", date: "2026-03-01" }, MID_NOVEMBER), MID_NOVEMBER);
    expect(months).toHaveLength(12);
    expect(monthOf(months, new Date("2026-02-28T16:59:59Z"))?.key).toBe("2026-02-01");
    expect(monthOf(months, new Date("2026-02-28T17:00:00Z"))?.key).toBe("2026-03-01");
    expect(monthOf(months, new Date("2025-08-31T16:59:59Z"))).toBeUndefined();
    expect(monthOf(months, new Date("2026-08-31T17:00:00Z"))).toBeUndefined();
  });
});

describe("daysOutside()", () => {
  it("gives the days of the period before, between and after the months, as [from, to) ranges", () => {
    const range = resolvePeriod({ period: "range", from: "2026-01-15", to: "2026-05-10" }, MID_NOVEMBER);
    const [february, march, april] = pastMonthsOf(range, MID_NOVEMBER);
    expect(daysOutside(range, [february!, april!])).toEqual({ from: ["2026-01-15", "2026-03-01", "2026-05-01"], to: ["2026-02-01", "2026-04-01", "2026-05-11"] });
    expect(daysOutside(range, [february!, march!, april!])).toEqual({ from: ["2026-01-15", "2026-05-01"], to: ["2026-02-01", "2026-05-11"] });
    expect(daysOutside(range, [])).toEqual({ from: ["2026-01-15"], to: ["2026-05-11"] });
  });

  it("gives nothing for a school year made only of whole months", () => {
    const year = resolvePeriod({ period: "school-year", date: "2026-03-01" }, MID_NOVEMBER);
    expect(daysOutside(year, pastMonthsOf(year, MID_NOVEMBER))).toEqual({ from: [], to: [] });
  });
});

import { describe, expect, it } from "vitest";
import { buildWeeklySeries, currentOrNextOccurrence, expandOccurrences, occurrenceDates, parseRecurrence } from "./recurrence";
import { localTimeKey } from "./time-zone";

const utc = (iso: string) => new Date(iso);

describe("buildWeeklySeries", () => {
  it("stores an RRULE with a UTC UNTIL and holidays as EXDATE in the zone", () => {
    const series = buildWeeklySeries({
      weekdays: [2, 4], // Tuesday, Thursday
      firstDate: "2026-11-02", // a Monday
      lastDate: "2026-11-30",
      startTime: "19:30",
      durationMinutes: 45,
      exceptionDates: ["2026-11-19", "2026-12-25"],
    })!;
    expect(series.rrule).toBe(
      "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261130T165959Z\nEXDATE;TZID=Asia/Ho_Chi_Minh:20261119T193000",
    );
    // Tuesday 03/11/2026 19:30 in Vietnam is 12:30 UTC.
    expect(series.startsAt).toEqual(utc("2026-11-03T12:30:00Z"));
    expect(series.endsAt).toEqual(utc("2026-11-03T13:15:00Z"));
    expect(series.occurrenceCount).toBe(7); // 8 Tue/Thu in the range, one holiday
    expect(series.seriesEndsAt).toEqual(utc("2026-11-26T13:15:00Z"));
  });

  it("returns null when every lesson would fall on a holiday or outside the range", () => {
    expect(
      buildWeeklySeries({ weekdays: [1], firstDate: "2026-11-03", lastDate: "2026-11-08", startTime: "08:00", durationMinutes: 45, exceptionDates: [] }),
    ).toBeNull();
    expect(
      buildWeeklySeries({ weekdays: [1], firstDate: "2026-11-02", lastDate: "2026-11-08", startTime: "08:00", durationMinutes: 45, exceptionDates: ["2026-11-02"] }),
    ).toBeNull();
  });

  it("skips a holiday that falls on the first chosen day by starting later", () => {
    const series = buildWeeklySeries({
      weekdays: [1],
      firstDate: "2026-11-02",
      lastDate: "2026-11-16",
      startTime: "08:00",
      durationMinutes: 45,
      exceptionDates: ["2026-11-02"],
    })!;
    expect(series.startsAt).toEqual(utc("2026-11-09T01:00:00Z"));
    expect(series.rrule).not.toContain("EXDATE");
    expect(series.occurrenceCount).toBe(2);
  });
});

describe("expandOccurrences", () => {
  it("expands weekly lessons with holiday exceptions in Asia/Ho_Chi_Minh", () => {
    const series = buildWeeklySeries({
      weekdays: [2, 4],
      firstDate: "2026-11-02",
      lastDate: "2026-11-30",
      startTime: "19:30",
      durationMinutes: 45,
      exceptionDates: ["2026-11-19"],
    })!;
    const event = { ...series, rrule: series.rrule };
    expect(occurrenceDates(event, utc("2026-10-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"))).toEqual([
      "2026-11-03",
      "2026-11-05",
      "2026-11-10",
      "2026-11-12",
      "2026-11-17",
      "2026-11-24",
      "2026-11-26",
    ]);
    for (const o of expandOccurrences(event, utc("2026-10-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"))) {
      expect(localTimeKey(o.startsAt)).toBe("19:30");
      expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(45 * 60_000);
    }
  });

  it("keeps Vietnamese weekdays for an early lesson that is on the previous day in UTC", () => {
    // 06:00 on Monday in Vietnam is 23:00 on Sunday UTC: expanding in UTC would drift a day.
    const series = buildWeeklySeries({
      weekdays: [1],
      firstDate: "2026-11-02",
      lastDate: "2026-11-23",
      startTime: "06:00",
      durationMinutes: 60,
      exceptionDates: ["2026-11-16"],
    })!;
    expect(series.startsAt).toEqual(utc("2026-11-01T23:00:00Z"));
    const occurrences = expandOccurrences(series, utc("2026-10-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-11-01T23:00:00.000Z",
      "2026-11-08T23:00:00.000Z",
      "2026-11-22T23:00:00.000Z",
    ]);
  });

  it("handles a lesson that crosses midnight in Vietnam", () => {
    // Saturdays 23:00 → Sunday 00:30 local.
    const series = buildWeeklySeries({
      weekdays: [6],
      firstDate: "2026-11-01",
      lastDate: "2026-11-30",
      startTime: "23:00",
      durationMinutes: 90,
      exceptionDates: ["2026-11-14"],
    })!;
    expect(series.startsAt).toEqual(utc("2026-11-07T16:00:00Z"));
    expect(series.endsAt).toEqual(utc("2026-11-07T17:30:00Z")); // 00:30 on Sunday 08/11 in Vietnam
    const all = expandOccurrences(series, utc("2026-11-01T00:00:00Z"), utc("2026-12-01T00:00:00Z"));
    expect(all.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-11-07T16:00:00.000Z",
      "2026-11-21T16:00:00.000Z",
      "2026-11-28T16:00:00.000Z",
    ]);
    // A window that starts after midnight on Sunday still sees the lesson still running.
    const sundayMorning = expandOccurrences(series, utc("2026-11-21T17:00:00Z"), utc("2026-11-22T17:00:00Z"));
    expect(sundayMorning).toEqual([{ startsAt: utc("2026-11-21T16:00:00Z"), endsAt: utc("2026-11-21T17:30:00Z") }]);
  });

  it("reads the seed's bare rule without an end and a UTC EXDATE", () => {
    const event = {
      startsAt: utc("2026-12-01T12:30:00Z"), // Tuesday 19:30 in Vietnam
      endsAt: utc("2026-12-01T13:15:00Z"),
      rrule: "FREQ=WEEKLY;BYDAY=TU,TH\nEXDATE:20261203T123000Z",
    };
    expect(occurrenceDates(event, utc("2026-11-30T00:00:00Z"), utc("2026-12-14T00:00:00Z"))).toEqual([
      "2026-12-01",
      "2026-12-08",
      "2026-12-10",
    ]);
    expect(parseRecurrence(event.rrule).weekdays).toEqual([2, 4]);
  });

  it("gives the same occurrences in a window far from the start as a full expansion", () => {
    const series = buildWeeklySeries({
      weekdays: [1, 3, 6],
      firstDate: "2026-09-02",
      lastDate: "2027-05-31",
      startTime: "23:30",
      durationMinutes: 60,
      exceptionDates: ["2027-03-10"],
    })!;
    const everything = expandOccurrences(series, utc("2026-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z"));
    const from = utc("2027-03-06T17:00:00Z"); // Sunday 07/03/2027 00:00 in Vietnam
    const to = utc("2027-03-21T17:00:00Z");
    expect(expandOccurrences(series, from, to)).toEqual(everything.filter((o) => o.startsAt < to && o.endsAt > from));
    // Saturday 06/03's lesson runs past midnight into the window; 10/03 is a holiday.
    expect(expandOccurrences(series, from, to)).toHaveLength(6);
  });

  it("returns a one-off event only when it overlaps the window", () => {
    const event = { startsAt: utc("2026-12-02T01:00:00Z"), endsAt: utc("2026-12-02T04:00:00Z"), rrule: null };
    expect(expandOccurrences(event, utc("2026-12-02T03:00:00Z"), utc("2026-12-03T00:00:00Z"))).toHaveLength(1);
    expect(expandOccurrences(event, utc("2026-12-02T04:00:00Z"), utc("2026-12-03T00:00:00Z"))).toHaveLength(0);
  });

  it("finds the lesson in progress, then the next one", () => {
    const event = { startsAt: utc("2026-12-01T12:30:00Z"), endsAt: utc("2026-12-01T13:15:00Z"), rrule: "RRULE:FREQ=WEEKLY;BYDAY=TU" };
    expect(currentOrNextOccurrence(event, utc("2026-12-08T13:00:00Z"))?.startsAt).toEqual(utc("2026-12-08T12:30:00Z"));
    expect(currentOrNextOccurrence(event, utc("2026-12-08T13:15:00Z"))?.startsAt).toEqual(utc("2026-12-15T12:30:00Z"));
  });
});

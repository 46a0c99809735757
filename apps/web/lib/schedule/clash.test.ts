import { describe, expect, it } from "vitest";
import { findClash, occurrencesOverlap } from "./clash";

const utc = (iso: string) => new Date(iso);
const YEAR = [utc("2026-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")] as const;

const conference = {
  id: "hn-1",
  title: "Hội nghị triển khai nhiệm vụ năm học",
  startsAt: utc("2026-12-02T01:00:00Z"), // 08:00–11:30 in Vietnam
  endsAt: utc("2026-12-02T04:30:00Z"),
  rrule: null,
};

describe("occurrencesOverlap", () => {
  it("treats intervals as half-open", () => {
    const a = { startsAt: utc("2026-12-02T01:00:00Z"), endsAt: utc("2026-12-02T02:00:00Z") };
    expect(occurrencesOverlap(a, { startsAt: utc("2026-12-02T02:00:00Z"), endsAt: utc("2026-12-02T03:00:00Z") })).toBe(false);
    expect(occurrencesOverlap(a, { startsAt: utc("2026-12-02T01:59:00Z"), endsAt: utc("2026-12-02T03:00:00Z") })).toBe(true);
    expect(occurrencesOverlap(a, { startsAt: utc("2026-12-02T01:10:00Z"), endsAt: utc("2026-12-02T01:20:00Z") })).toBe(true);
  });
});

describe("findClash", () => {
  it("names the booked event that overlaps a one-off candidate", () => {
    const candidate = { startsAt: utc("2026-12-02T04:00:00Z"), endsAt: utc("2026-12-02T06:00:00Z"), rrule: null };
    const clash = findClash(candidate, [conference], ...YEAR);
    expect(clash?.event.title).toBe("Hội nghị triển khai nhiệm vụ năm học");
    expect(clash?.occurrence.startsAt).toEqual(conference.startsAt);
  });

  it("accepts back-to-back events and ignores the event being edited", () => {
    const after = { startsAt: utc("2026-12-02T04:30:00Z"), endsAt: utc("2026-12-02T06:00:00Z"), rrule: null };
    expect(findClash(after, [conference], ...YEAR)).toBeNull();
    expect(findClash({ ...conference, id: "hn-1" }, [conference], ...YEAR)).toBeNull();
  });

  it("finds the first clashing lesson between two weekly series, skipping holidays", () => {
    // Booked: Tuesdays 19:30–20:15 from 03/11/2026 to 29/12/2026, no lesson on 17/11.
    const booked = {
      id: "toan-9a",
      title: "Toán 9A",
      startsAt: utc("2026-11-03T12:30:00Z"),
      endsAt: utc("2026-11-03T13:15:00Z"),
      rrule: "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261229T165959Z\nEXDATE;TZID=Asia/Ho_Chi_Minh:20261117T193000",
    };
    // Candidate: 20:00–20:45 on Tuesday 17/11 only (the holiday) → no clash.
    const onHoliday = { startsAt: utc("2026-11-17T13:00:00Z"), endsAt: utc("2026-11-17T13:45:00Z"), rrule: null };
    expect(findClash(onHoliday, [booked], ...YEAR)).toBeNull();
    // Candidate series: Tuesdays and Fridays 20:00 from 17/11 → first clash is Tuesday 24/11.
    const series = {
      startsAt: utc("2026-11-17T13:00:00Z"),
      endsAt: utc("2026-11-17T13:45:00Z"),
      rrule: "RRULE:FREQ=WEEKLY;BYDAY=TU,FR;UNTIL=20261231T165959Z",
    };
    const clash = findClash(series, [booked], ...YEAR);
    expect(clash?.event.id).toBe("toan-9a");
    expect(clash?.candidateOccurrence.startsAt).toEqual(utc("2026-11-24T13:00:00Z"));
  });

  it("catches a lesson crossing midnight against a lesson early the next morning", () => {
    // Saturday 23:00–00:30 weekly vs a one-off Sunday 00:15 (local) lesson.
    const lateSeries = {
      id: "khuya",
      title: "Ôn thi khuya",
      startsAt: utc("2026-11-07T16:00:00Z"),
      endsAt: utc("2026-11-07T17:30:00Z"),
      rrule: "RRULE:FREQ=WEEKLY;BYDAY=SA",
    };
    const sundayEarly = { startsAt: utc("2026-11-21T17:15:00Z"), endsAt: utc("2026-11-21T18:00:00Z"), rrule: null };
    expect(findClash(sundayEarly, [lateSeries], ...YEAR)?.occurrence.startsAt).toEqual(utc("2026-11-21T16:00:00Z"));
    const sundayLater = { startsAt: utc("2026-11-21T17:30:00Z"), endsAt: utc("2026-11-21T18:00:00Z"), rrule: null };
    expect(findClash(sundayLater, [lateSeries], ...YEAR)).toBeNull();
  });

  it("reports a long booked event that started before a shorter one in between", () => {
    const allDay = { id: "a", title: "Cả ngày", startsAt: utc("2026-12-02T00:00:00Z"), endsAt: utc("2026-12-02T10:00:00Z"), rrule: null };
    const short = { id: "b", title: "Ngắn", startsAt: utc("2026-12-02T01:00:00Z"), endsAt: utc("2026-12-02T02:00:00Z"), rrule: null };
    const candidate = { startsAt: utc("2026-12-02T05:00:00Z"), endsAt: utc("2026-12-02T06:00:00Z"), rrule: null };
    expect(findClash(candidate, [short, allDay], ...YEAR)?.event.id).toBe("a");
  });
});

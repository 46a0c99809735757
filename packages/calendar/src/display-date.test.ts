import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTime } from "./display-date";

describe("date formatting in Asia/Ho_Chi_Minh", () => {
  it("formats dd/MM/yyyy HH:mm with a 24-hour clock", () => {
    expect(formatDateTime(new Date("2026-09-05T07:30:00Z"))).toBe("05/09/2026 14:30");
  });

  it("moves a UTC evening onto the next day in Vietnam (UTC+7)", () => {
    const lateUtc = new Date("2026-12-31T18:15:00Z");
    expect(formatDate(lateUtc)).toBe("01/01/2027");
    expect(formatDateTime(lateUtc)).toBe("01/01/2027 01:15");
  });

  it("shows midnight as 00, never 24", () => {
    expect(formatTime(new Date("2026-03-01T17:00:00Z"))).toBe("00:00");
  });
});

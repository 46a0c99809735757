import { describe, expect, it } from "vitest";
import { describeJoinWindow, formatRemaining, getJoinWindow } from "./join-window";

const occurrence = { startsAt: new Date("2026-12-02T01:00:00Z"), endsAt: new Date("2026-12-02T04:30:00Z") }; // 08:00–11:30 ICT
const at = (iso: string) => new Date(iso);

describe("getJoinWindow", () => {
  it("is closed until 15 minutes before the start and says when it opens", () => {
    const w = getJoinWindow({ status: "SCHEDULED", occurrence }, at("2026-12-01T22:00:00Z")); // 05:00 ICT
    expect(w).toMatchObject({ state: "not-yet", canEnter: false, msUntilStart: 3 * 3_600_000 });
    expect(describeJoinWindow(w)).toBe(
      "Phòng họp mở lúc 08:00 ngày 02/12/2026 (còn 3 giờ). Phòng chờ mở trước 15 phút, lúc 07:45.",
    );
    expect(describeJoinWindow(w, "en")).toContain("The room opens at 08:00 on 02/12/2026 (in 3 hours)");
  });

  it("opens the lobby exactly 15 minutes before the start", () => {
    expect(getJoinWindow({ status: "SCHEDULED", occurrence }, at("2026-12-02T00:44:59Z")).state).toBe("not-yet");
    const w = getJoinWindow({ status: "SCHEDULED", occurrence }, at("2026-12-02T00:45:00Z"));
    expect(w).toMatchObject({ state: "lobby", canEnter: true });
    expect(describeJoinWindow(w)).toBe("Phòng chờ đã mở. Phòng họp mở lúc 08:00 (còn 15 phút).");
  });

  it("opens the room at the start and closes it at the end", () => {
    expect(getJoinWindow({ status: "SCHEDULED", occurrence }, at("2026-12-02T01:00:00Z")).state).toBe("open");
    expect(getJoinWindow({ status: "SCHEDULED", occurrence }, at("2026-12-02T04:29:59Z")).state).toBe("open");
    expect(getJoinWindow({ status: "SCHEDULED", occurrence }, at("2026-12-02T04:30:00Z")).state).toBe("ended");
  });

  it("keeps a live meeting open past its planned end, and never opens a cancelled one", () => {
    expect(getJoinWindow({ status: "LIVE", occurrence }, at("2026-12-02T05:00:00Z")).canEnter).toBe(true);
    const cancelled = getJoinWindow({ status: "CANCELLED", occurrence }, at("2026-12-02T02:00:00Z"));
    expect(cancelled).toMatchObject({ state: "cancelled", canEnter: false });
    expect(describeJoinWindow(cancelled)).toBe("Sự kiện đã bị hủy.");
    expect(getJoinWindow({ status: "SCHEDULED", occurrence: null }, at("2026-12-02T02:00:00Z")).state).toBe("ended");
  });
});

describe("formatRemaining", () => {
  it("rounds up to the minute and drops minutes once days are shown", () => {
    expect(formatRemaining(30_000)).toBe("1 phút");
    expect(formatRemaining(125 * 60_000)).toBe("2 giờ 5 phút");
    expect(formatRemaining((2 * 1440 + 4 * 60 + 10) * 60_000)).toBe("2 ngày 4 giờ");
    expect(formatRemaining(60 * 60_000, "en")).toBe("1 hour");
  });
});

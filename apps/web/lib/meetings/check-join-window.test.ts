import { describe, expect, it } from "vitest";
import type { TJoinable } from "../schedule/join-window";
import { checkJoinWindow } from "./check-join-window";

const startsAt = new Date("2026-11-20T02:00:00Z"); // 09:00 in Hồ Chí Minh
const endsAt = new Date("2026-11-20T04:00:00Z");
const scheduled: TJoinable = { status: "SCHEDULED", occurrence: { startsAt, endsAt } };
const minutes = (n: number) => new Date(startsAt.getTime() + n * 60_000);

describe("checkJoinWindow()", () => {
  it("keeps attendees and presenters out until the lobby opens 15 minutes before, saying when the room opens", () => {
    const twoDaysEarly = new Date(startsAt.getTime() - 2 * 86_400_000);
    expect(checkJoinWindow(scheduled, "ATTENDEE", twoDaysEarly)).toEqual({
      ok: false,
      code: "MEETING_NOT_OPEN",
      message: "Phòng họp mở lúc 09:00 ngày 20/11/2026 (còn 2 ngày). Phòng chờ mở trước 15 phút, lúc 08:45.",
    });
    expect(checkJoinWindow(scheduled, "PRESENTER", minutes(-16))).toMatchObject({ ok: false, code: "MEETING_NOT_OPEN" });
    expect(checkJoinWindow(scheduled, "ATTENDEE", minutes(-15))).toBeNull();
    expect(checkJoinWindow(scheduled, "PRESENTER", minutes(30))).toBeNull();
  });

  it("lets the host in at any time before the end, to prepare the room", () => {
    expect(checkJoinWindow(scheduled, "HOST", new Date(startsAt.getTime() - 7 * 86_400_000))).toBeNull();
    expect(checkJoinWindow(scheduled, "HOST", minutes(119))).toBeNull();
  });

  it("refuses everyone, the host too, after the end unless the meeting is still live", () => {
    expect(checkJoinWindow(scheduled, "HOST", minutes(120))).toMatchObject({ ok: false, code: "MEETING_ENDED" });
    expect(checkJoinWindow(scheduled, "ATTENDEE", minutes(180))).toMatchObject({ ok: false, code: "MEETING_ENDED" });
    expect(checkJoinWindow({ ...scheduled, status: "LIVE" }, "ATTENDEE", minutes(180))).toBeNull();
    expect(checkJoinWindow({ ...scheduled, occurrence: null }, "HOST", minutes(-30))).toMatchObject({ code: "MEETING_ENDED" });
  });

  it("refuses a cancelled meeting", () => {
    expect(checkJoinWindow({ ...scheduled, status: "CANCELLED" }, "HOST", minutes(0))).toMatchObject({ ok: false, code: "MEETING_CANCELLED" });
  });
});

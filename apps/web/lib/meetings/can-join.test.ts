import { describe, expect, it } from "vitest";
import { canJoin, type TAccessEvent } from "./can-join";

const conference: TAccessEvent = {
  kind: "CONFERENCE",
  status: "SCHEDULED",
  hostId: "staff-host",
  courseTeacherId: null,
  scheduledBridgePointIds: ["bp-dongha", "bp-camlo"],
};
const lesson: TAccessEvent = { kind: "CLASS", status: "LIVE", hostId: "teacher-lan", courseTeacherId: "teacher-lan", scheduledBridgePointIds: [] };
const user = (id: string, role: "ADMIN" | "STAFF" | "TEACHER" | "STUDENT" | "BRIDGE_POINT", bridgePointId: string | null = null) => ({ id, role, bridgePointId });
const notEnrolled = { enrolled: false };

describe("canJoin() for a conference", () => {
  it("makes the host HOST and admits staff and administrators as presenters", () => {
    expect(canJoin(conference, user("staff-host", "STAFF"), notEnrolled)).toEqual({ ok: true, role: "HOST" });
    expect(canJoin(conference, user("staff-2", "STAFF"), notEnrolled)).toEqual({ ok: true, role: "PRESENTER" });
    expect(canJoin(conference, user("admin", "ADMIN"), notEnrolled)).toEqual({ ok: true, role: "PRESENTER" });
  });
  it("admits only the scheduled bridge points, carrying their id", () => {
    expect(canJoin(conference, user("room-dh", "BRIDGE_POINT", "bp-dongha"), notEnrolled)).toEqual({ ok: true, role: "ATTENDEE", bridgePointId: "bp-dongha" });
    expect(canJoin(conference, user("room-hh", "BRIDGE_POINT", "bp-huonghoa"), notEnrolled)).toMatchObject({ ok: false, code: "MEETING_NOT_INVITED" });
    expect(canJoin(conference, user("room-x", "BRIDGE_POINT"), notEnrolled)).toMatchObject({ ok: false, code: "MEETING_NOT_INVITED" });
  });
  it("refuses students and teachers with the Vietnamese reason", () => {
    const refused = canJoin(conference, user("hs", "STUDENT"), { enrolled: true });
    expect(refused).toEqual({ ok: false, code: "MEETING_NOT_INVITED", message: "Bạn không có trong danh sách tham dự cuộc họp này." });
    expect(canJoin(conference, user("gv", "TEACHER"), notEnrolled).ok).toBe(false);
  });
  it("refuses everyone, the host too, once cancelled or ended", () => {
    expect(canJoin({ ...conference, status: "CANCELLED" }, user("staff-host", "STAFF"), notEnrolled)).toMatchObject({ code: "MEETING_CANCELLED" });
    expect(canJoin({ ...conference, status: "ENDED" }, user("admin", "ADMIN"), notEnrolled)).toMatchObject({ code: "MEETING_ENDED" });
  });
});

describe("canJoin() for a lesson", () => {
  it("admits the teacher as host and enrolled students only", () => {
    expect(canJoin(lesson, user("teacher-lan", "TEACHER"), notEnrolled)).toEqual({ ok: true, role: "HOST" });
    expect(canJoin({ ...lesson, hostId: "substitute" }, user("teacher-lan", "TEACHER"), notEnrolled)).toEqual({ ok: true, role: "HOST" });
    expect(canJoin(lesson, user("hs", "STUDENT"), { enrolled: true })).toEqual({ ok: true, role: "ATTENDEE", askToSpeak: true });
    expect(canJoin(lesson, user("hs", "STUDENT"), notEnrolled)).toMatchObject({ ok: false, code: "MEETING_NOT_INVITED" });
    expect(canJoin(lesson, user("other-teacher", "TEACHER"), notEnrolled).ok).toBe(false);
    expect(canJoin(lesson, user("staff", "STAFF"), notEnrolled).ok).toBe(false);
    expect(canJoin(lesson, user("room", "BRIDGE_POINT", "bp-dongha"), notEnrolled).ok).toBe(false);
  });
});

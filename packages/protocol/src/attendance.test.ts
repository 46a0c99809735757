import { describe, expect, it } from "vitest";
import { ZAttendanceBatchSchema } from "./attendance";

describe("attendance batch", () => {
  it("validates joins and leaves", () => {
    const at = "2026-09-05T01:00:00.000Z";
    const ok = ZAttendanceBatchSchema.safeParse({
      reports: [
        { type: "join", peerId: "p1", room: "e1", userId: "u1", displayName: "Trần Thị Lan", role: "HOST", at },
        { type: "leave", peerId: "p1", room: "e1", at },
      ],
    });
    expect(ok.success).toBe(true);
    expect(ZAttendanceBatchSchema.safeParse({ reports: [] }).success).toBe(false);
    expect(ZAttendanceBatchSchema.safeParse({ reports: [{ type: "join", peerId: "p1", room: "e1", at }] }).success).toBe(false);
  });
});

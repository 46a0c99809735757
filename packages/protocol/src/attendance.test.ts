import { describe, expect, it } from "vitest";
import { signInternalRequest, verifyInternalRequest, ZAttendanceBatchSchema } from "./attendance";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const headersOf = (record: Record<string, string>) => new Headers(record);

describe("internal request signature", () => {
  it("accepts its own signature and refuses a changed body, another secret or a stale timestamp", async () => {
    const body = JSON.stringify({ hello: "Đông Hà" });
    const now = Date.UTC(2026, 8, 5, 1, 0, 0);
    const headers = headersOf(await signInternalRequest(body, SECRET, now));
    expect(await verifyInternalRequest(body, headers, SECRET, now + 1000)).toBe(true);
    expect(await verifyInternalRequest(`${body} `, headers, SECRET, now)).toBe(false);
    expect(await verifyInternalRequest(body, headers, `${SECRET}x`, now)).toBe(false);
    expect(await verifyInternalRequest(body, headers, SECRET, now + 301_000)).toBe(false);
    expect(await verifyInternalRequest(body, new Headers(), SECRET, now)).toBe(false);
  });
});

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

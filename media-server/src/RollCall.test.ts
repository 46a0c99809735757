import { describe, expect, it } from "vitest";
import { RollCall } from "./RollCall";

describe("RollCall", () => {
  it("marks on-time answers present, late ones late, silent ones pending then absent", () => {
    const call = new RollCall(["bp-1", "bp-2", "bp-3", "bp-1"], 60);
    const at = (seconds: number) => new Date(call.startedAt.getTime() + seconds * 1000);
    call.answer("bp-1", "Việt Trì", at(10));
    call.answer("bp-2", "Phù Ninh", at(90));
    call.answer("bp-1", "Việt Trì", at(200));
    call.answer("bp-9", "Ngoài lịch", at(5));
    const statuses = () => Object.fromEntries(call.view().entries.map((e) => [e.bridgePointId, e.status]));
    expect(statuses()).toEqual({ "bp-1": "PRESENT", "bp-2": "LATE", "bp-3": "PENDING", "bp-9": "PRESENT" });
    expect(call.view().entries.find((e) => e.bridgePointId === "bp-9")?.expected).toBe(false);
    call.end();
    expect(call.open).toBe(false);
    expect(statuses()["bp-3"]).toBe("ABSENT");
  });
});

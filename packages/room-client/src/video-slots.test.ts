import { describe, expect, it } from "vitest";
import { chooseVideoSlots } from "./video-slots";

describe("chooseVideoSlots()", () => {
  it("fits the stage: one on an upright phone, up to nine on a big screen", () => {
    expect(chooseVideoSlots({ width: 360, height: 500, quality: "good" })).toBe(2);
    expect(chooseVideoSlots({ width: 360, height: 200, quality: "good" })).toBe(1);
    expect(chooseVideoSlots({ width: 200, height: 100, quality: "unknown" })).toBe(1);
    expect(chooseVideoSlots({ width: 1280, height: 560, quality: "good" })).toBe(9);
    expect(chooseVideoSlots({ width: 960, height: 400, quality: "good" })).toBe(6);
  });

  it("gives a weak link fewer", () => {
    expect(chooseVideoSlots({ width: 1920, height: 1000, quality: "poor" })).toBe(1);
    expect(chooseVideoSlots({ width: 1920, height: 1000, quality: "fair" })).toBe(3);
    expect(chooseVideoSlots({ width: 1920, height: 1000, quality: "good", downlinkKbps: 700 })).toBe(2);
    expect(chooseVideoSlots({ width: 1920, height: 1000, quality: "good", downlinkKbps: 100 })).toBe(1);
  });
});

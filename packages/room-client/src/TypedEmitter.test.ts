import { describe, expect, it, vi } from "vitest";
import { TypedEmitter } from "./TypedEmitter";

class Clock extends TypedEmitter<{ tick: number; stop: undefined }> {
  tick(n: number) {
    this.emit("tick", n);
  }
}

describe("TypedEmitter", () => {
  it("delivers payloads until the listener is removed, and survives a throwing listener", () => {
    const clock = new Clock();
    const seen: number[] = [];
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    clock.on("tick", () => {
      throw new Error("UI bug");
    });
    const off = clock.on("tick", (n) => seen.push(n));
    clock.tick(1);
    off();
    clock.tick(2);
    expect(seen).toEqual([1]);
  });
});

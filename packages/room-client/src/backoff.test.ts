import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay()", () => {
  const noJitter = { initialMs: 500, maxMs: 15_000, factor: 2, jitter: 0 };
  it("doubles from the initial delay up to the cap", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, noJitter))).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });
  it("spreads retries by ± the jitter share", () => {
    const backoff = { ...noJitter, jitter: 0.25 };
    expect(backoffDelay(2, backoff, () => 0)).toBe(1500);
    expect(backoffDelay(2, backoff, () => 1)).toBe(2500);
    expect(backoffDelay(2, backoff, () => 0.5)).toBe(2000);
  });
});

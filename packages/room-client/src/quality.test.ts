import { describe, expect, it } from "vitest";
import { connectionQuality, lossBetween } from "./quality";

describe("connectionQuality()", () => {
  it("is unknown without any signal", () => {
    expect(connectionQuality({ scores: [] })).toBe("unknown");
  });
  it("takes the worst of scores, RTT and loss", () => {
    expect(connectionQuality({ scores: [10, 9], rttMs: 20, lossRatio: 0 })).toBe("good");
    expect(connectionQuality({ scores: [10, 6], rttMs: 20 })).toBe("fair");
    expect(connectionQuality({ scores: [10], rttMs: 650 })).toBe("poor");
    expect(connectionQuality({ scores: [10], lossRatio: 0.05 })).toBe("fair");
    expect(connectionQuality({ scores: [3], rttMs: 10, lossRatio: 0 })).toBe("poor");
  });
});

describe("lossBetween()", () => {
  it("measures loss over the interval, not since the start", () => {
    expect(lossBetween(undefined, { packetsReceived: 90, packetsLost: 10 })).toBeCloseTo(0.1);
    expect(lossBetween({ packetsReceived: 90, packetsLost: 10 }, { packetsReceived: 190, packetsLost: 10 })).toBe(0);
  });
  it("is undefined when nothing arrived", () => {
    expect(lossBetween({ packetsReceived: 5, packetsLost: 0 }, { packetsReceived: 5, packetsLost: 0 })).toBeUndefined();
  });
});

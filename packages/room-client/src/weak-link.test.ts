import { describe, expect, it } from "vitest";
import { MAX_CONCEALMENT, MIN_VIDEO_FPS, receivedRates, videoCannotKeepUp, WEAK_INTERVALS } from "./weak-link";

const moving = { anyReceived: true, videoFps: 12, concealment: 0.01, videoExpected: true };
const frozen = { anyReceived: true, videoFps: MIN_VIDEO_FPS / 2, concealment: 0.01, videoExpected: true };
const breakingUp = { anyReceived: true, videoFps: 12, concealment: MAX_CONCEALMENT * 2, videoExpected: true };
const outage = { anyReceived: false, videoFps: 0, concealment: undefined, videoExpected: true };

describe("receivedRates", () => {
  it("gives frames a second and the concealed share of audio between two samples", () => {
    const rates = receivedRates(
      { at: 0, packetsReceived: 10, videoFramesDecoded: 100, audioSamples: 48_000, concealedSamples: 100 },
      { at: 2000, packetsReceived: 90, videoFramesDecoded: 130, audioSamples: 144_000, concealedSamples: 4900 },
    );
    expect(rates).toEqual({ anyReceived: true, videoFps: 15, concealment: 0.05 });
  });

  it("has nothing to say after a new transport reset the counters, or before a second sample", () => {
    const later = { at: 2000, packetsReceived: 5, videoFramesDecoded: 3, audioSamples: 10, concealedSamples: 0 };
    expect(receivedRates({ at: 0, packetsReceived: 950, videoFramesDecoded: 900, audioSamples: 9000, concealedSamples: 0 }, later)).toBeUndefined();
    expect(receivedRates(undefined, later)).toBeUndefined();
  });
});

describe("videoCannotKeepUp", () => {
  it("gives up video only after several bad intervals in a row", () => {
    expect(videoCannotKeepUp(Array(WEAK_INTERVALS).fill(frozen))).toBe(true);
    expect(videoCannotKeepUp(Array(WEAK_INTERVALS - 1).fill(frozen))).toBe(false);
    expect(videoCannotKeepUp([...Array(WEAK_INTERVALS - 1).fill(frozen), moving])).toBe(false);
  });

  it("counts audio that breaks up as video not keeping up", () => {
    expect(videoCannotKeepUp(Array(WEAK_INTERVALS).fill(breakingUp))).toBe(true);
  });

  it("keeps video that moves, and ignores intervals with no camera to receive", () => {
    expect(videoCannotKeepUp(Array(WEAK_INTERVALS).fill(moving))).toBe(false);
    expect(videoCannotKeepUp(Array(WEAK_INTERVALS).fill({ ...frozen, videoExpected: false }))).toBe(false);
  });

  it("does not take an outage, where nothing arrives at all, for a link too thin for video", () => {
    expect(videoCannotKeepUp(Array(WEAK_INTERVALS).fill(outage))).toBe(false);
    expect(videoCannotKeepUp([frozen, outage, frozen])).toBe(false);
  });
});

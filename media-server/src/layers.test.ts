import { describe, expect, it } from "vitest";
import { chooseSpatialLayer } from "./layers";

describe("chooseSpatialLayer", () => {
  const base = { maxSpatialLayer: 2, renderedHeight: null, availableBitrate: null, videoConsumers: 1 };

  it("sends the top layer until the subscriber says how big it renders", () => {
    expect(chooseSpatialLayer(base)).toBe(2);
  });

  it("picks the smallest layer that covers the rendered height", () => {
    expect(chooseSpatialLayer({ ...base, renderedHeight: 120 })).toBe(0);
    expect(chooseSpatialLayer({ ...base, renderedHeight: 330 })).toBe(1);
    expect(chooseSpatialLayer({ ...base, renderedHeight: 1080 })).toBe(2);
  });

  it("steps down when the subscriber's share of bandwidth cannot carry the layer", () => {
    expect(chooseSpatialLayer({ ...base, renderedHeight: 720, availableBitrate: 3_000_000, videoConsumers: 4 })).toBe(1);
    expect(chooseSpatialLayer({ ...base, renderedHeight: 720, availableBitrate: 300_000, videoConsumers: 4 })).toBe(0);
  });

  it("never exceeds the layers the producer sends", () => {
    expect(chooseSpatialLayer({ ...base, maxSpatialLayer: 0, renderedHeight: 720 })).toBe(0);
  });
});

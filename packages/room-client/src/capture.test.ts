import { describe, expect, it } from "vitest";
import { cameraConstraints, cameraEncodings, parseCaptureSize } from "./capture";

describe("parseCaptureSize()", () => {
  it("reads WxH with an optional frame rate", () => {
    expect(parseCaptureSize("320x180")).toEqual({ width: 320, height: 180, frameRate: 24 });
    expect(parseCaptureSize(" 640x360@15 ")).toEqual({ width: 640, height: 360, frameRate: 15 });
  });
  it("rejects anything else", () => {
    for (const bad of [undefined, null, "", "big", "320", "320x", "1x1", "99999x180", "320x180@0", "320×180"]) {
      expect(parseCaptureSize(bad)).toBeUndefined();
    }
  });
});

describe("camera capture", () => {
  it("asks for the exact device when one is chosen", () => {
    expect(cameraConstraints({ width: 320, height: 180, frameRate: 15 }, "cam-2")).toMatchObject({
      width: { ideal: 320 },
      height: { ideal: 180 },
      deviceId: { exact: "cam-2" },
    });
    expect(cameraConstraints({ width: 320, height: 180, frameRate: 15 })).not.toHaveProperty("deviceId");
  });
  it("sends three simulcast layers, smallest first, with rising bitrates capped at 1.2 Mbit/s", () => {
    const layers = cameraEncodings({ width: 1280, height: 720, frameRate: 30 });
    expect(layers.map((l) => l.scaleResolutionDownBy)).toEqual([4, 2, 1]);
    expect(layers[2]!.maxBitrate).toBe(1_200_000);
    expect(layers[0]!.maxBitrate! < layers[1]!.maxBitrate! && layers[1]!.maxBitrate! < layers[2]!.maxBitrate!).toBe(true);
    expect(cameraEncodings({ width: 320, height: 180, frameRate: 15 })[2]!.maxBitrate).toBe(150_000);
  });
});

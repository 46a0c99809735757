import { describe, expect, it } from "vitest";
import { loadWorkerConfig } from "./config";

describe("the worker's transcription settings", () => {
  it("has no engine by default, and listens for Vietnamese when one is set", () => {
    const config = loadWorkerConfig({});
    expect(config.WHISPER_MODEL).toBeUndefined();
    expect(config.WHISPER_LANGUAGE).toBe("vi");
    expect(loadWorkerConfig({ WHISPER_MODEL: import.meta.filename }).WHISPER_MODEL).toBe(import.meta.filename);
  });

  it("refuses to start with a model file that does not exist, naming the variable", () => {
    expect(() => loadWorkerConfig({ WHISPER_MODEL: "/khong/co/ggml-base.bin" })).toThrow(/WHISPER_MODEL/);
  });
});

describe("the worker's reminder setting", () => {
  it("reminds 30 minutes before by default, and not at all with 0", () => {
    expect(loadWorkerConfig({}).REMINDER_MINUTES_BEFORE).toBe(30);
    expect(loadWorkerConfig({ REMINDER_MINUTES_BEFORE: "0" }).REMINDER_MINUTES_BEFORE).toBe(0);
    expect(loadWorkerConfig({ REMINDER_MINUTES_BEFORE: "60" }).REMINDER_MINUTES_BEFORE).toBe(60);
  });

  it("refuses a lead that is not a whole number of minutes, naming the variable", () => {
    expect(() => loadWorkerConfig({ REMINDER_MINUTES_BEFORE: "-5" })).toThrow(/REMINDER_MINUTES_BEFORE/);
    expect(() => loadWorkerConfig({ REMINDER_MINUTES_BEFORE: "nửa giờ" })).toThrow(/REMINDER_MINUTES_BEFORE/);
  });
});

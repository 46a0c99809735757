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

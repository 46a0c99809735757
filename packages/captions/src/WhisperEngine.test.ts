import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTinyWhisperModel } from "./testing/tiny-whisper-model";
import { captionsVtt } from "./write-vtt";
import { readCaptions } from "./read-captions";
import { pcmDurationSec } from "./TranscriptionEngine";
import { WhisperEngine } from "./WhisperEngine";

/** Three seconds of a tone as the engine's PCM, made by ffmpeg. */
function tonePcm(seconds: number): Buffer {
  const result = spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`, "-ar", "16000", "-ac", "1", "-f", "s16le", "pipe:1"], { maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(result.stderr.toString());
  return result.stdout;
}

// The real whisper.cpp path (load → decode → segments → WebVTT) with a tiny model this test
// generates. Its weights are random, so the TEXT IT PRODUCES IS MEANINGLESS: the test checks the
// path and the shape of what comes out, never the words.
describe("WhisperEngine with a generated tiny model", () => {
  let folder: string;
  let engine: WhisperEngine;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "diemcau-whisper-"));
    engine = await WhisperEngine.load({ modelPath: await writeTinyWhisperModel(join(folder, "tiny.bin")), threads: 1, timeoutMs: 60_000 });
  });
  afterAll(async () => {
    await engine?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("decodes PCM into timed segments inside the chunk, which become a valid WebVTT track", async () => {
    const pcm = tonePcm(3);
    const progress: number[] = [];
    const segments = await engine.transcribe(pcm, { language: "vi", onProgress: (fraction) => progress.push(fraction) });
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) {
      expect(segment.text).toMatch(/^w\d+( w\d+)*$/); // the tiny model's own (meaningless) tokens
      expect(segment.startSec).toBeGreaterThanOrEqual(0);
      expect(segment.endSec).toBeLessThanOrEqual(pcmDurationSec(pcm));
      expect(segment.endSec).toBeGreaterThan(segment.startSec);
    }
    expect(readCaptions(captionsVtt(segments))).toEqual(segments);
    expect(progress.every((fraction) => fraction >= 0 && fraction <= 1)).toBe(true);
  });

  it("returns nothing for no audio", async () => {
    expect(await engine.transcribe(Buffer.alloc(0), { language: "vi" })).toEqual([]);
  });

  it("refuses a file that is not a model instead of hanging", async () => {
    const bad = join(folder, "not-a-model.bin");
    await (await import("node:fs/promises")).writeFile(bad, "không phải mô hình");
    await expect(WhisperEngine.load({ modelPath: bad, threads: 1, timeoutMs: 10_000 })).rejects.toThrow();
  });
});

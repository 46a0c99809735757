import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** What the synthetic senders stream: a camera-like 360p VP8 stream and Opus, the load of one real participant. */
export const MEDIA_FILE_SPEC = {
  width: 640,
  height: 360,
  fps: 30,
  videoKbps: 500,
  /** Keyframe every second, so a fresh consumer starts forwarding without waiting on the sender. */
  gopFrames: 30,
  audioKbps: 32,
  seconds: 10,
} as const;

const CACHE_DIR = path.join(os.homedir(), ".cache", "diemcau", "bench");

/** Encodes the VP8+Opus file once (ffmpeg testsrc + sine) and reuses it on later runs. */
export function ensureMediaFile(): string {
  const s = MEDIA_FILE_SPEC;
  const file = path.join(CACHE_DIR, `testsrc-${s.width}x${s.height}-${s.fps}fps-${s.videoKbps}k-g${s.gopFrames}-${s.seconds}s.webm`);
  if (existsSync(file)) return file;
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${file}.part.webm`;
  execFileSync("ffmpeg", [
    "-v", "error", "-y",
    "-f", "lavfi", "-i", `testsrc=size=${s.width}x${s.height}:rate=${s.fps}`,
    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
    "-t", String(s.seconds),
    "-c:v", "libvpx", "-b:v", `${s.videoKbps}k`, "-deadline", "realtime", "-cpu-used", "8",
    "-g", String(s.gopFrames), "-keyint_min", String(s.gopFrames),
    "-c:a", "libopus", "-b:a", `${s.audioKbps}k`, "-ac", "2",
    partial,
  ]);
  renameSync(partial, file);
  return file;
}

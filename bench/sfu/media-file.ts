import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";

type TVideoSpec = { width: number; height: number; videoKbps: number };

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

/**
 * A simulcast sender's three layers, lowest first: the heights and bitrates the room's layer
 * choice expects of a browser's camera (media-server/src/layers.ts), each its own file and SSRC.
 */
export const SIMULCAST_LAYER_SPECS: readonly TVideoSpec[] = [
  { width: 320, height: 180, videoKbps: 150 },
  { width: 640, height: 360, videoKbps: 500 },
  { width: 1280, height: 720, videoKbps: 1200 },
];

const CACHE_DIR = path.join(os.homedir(), ".cache", "diemcau", "bench");

/** Encodes a VP8 (+ Opus) file once (ffmpeg testsrc + sine) and reuses it on later runs. */
function ensureFile({ width, height, videoKbps }: TVideoSpec): string {
  const s = MEDIA_FILE_SPEC;
  const file = path.join(CACHE_DIR, `testsrc-${width}x${height}-${s.fps}fps-${videoKbps}k-g${s.gopFrames}-${s.seconds}s.webm`);
  if (existsSync(file)) return file;
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${file}.part.webm`;
  execFileSync("ffmpeg", [
    "-v", "error", "-y",
    "-f", "lavfi", "-i", `testsrc=size=${width}x${height}:rate=${s.fps}`,
    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
    "-t", String(s.seconds),
    "-c:v", "libvpx", "-b:v", `${videoKbps}k`, "-deadline", "realtime", "-cpu-used", "8",
    "-g", String(s.gopFrames), "-keyint_min", String(s.gopFrames),
    "-c:a", "libopus", "-b:a", `${s.audioKbps}k`, "-ac", "2",
    partial,
  ]);
  renameSync(partial, file);
  return file;
}

export function ensureMediaFile(): string {
  return ensureFile(MEDIA_FILE_SPEC);
}

/** One file per simulcast layer, lowest first; each also carries the Opus track the sender uses from the first. */
export function ensureSimulcastFiles(): string[] {
  return SIMULCAST_LAYER_SPECS.map(ensureFile);
}

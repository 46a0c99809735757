import { signalingRequests, type TSignalingRequestName } from "@diemcau/protocol";
import { opusParameters, vp8SimulcastParameters } from "./test-client";

/**
 * Random and malformed signaling messages, for the fuzz test and the 100,000-message benchmark
 * (bench/signaling-fuzz.ts). Mostly valid payloads with one field broken, so the messages reach
 * past the schema into the rooms and mediasoup.
 */

/** Seeded so a failure can be replayed. */
export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fuzzedNames = Object.keys(signalingRequests).filter((n) => n !== "host:endMeeting") as TSignalingRequestName[];

export function fuzzer(random: () => number, ids: () => string[]) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const scalar = (): unknown =>
    random() < 0.01 ? "y".repeat(70_000) : pick([
      () => null,
      () => undefined,
      () => random() < 0.5,
      () => Math.floor(random() * 2 ** 32) - 2 ** 31,
      () => random() * 1e9,
      () => pick([NaN, Infinity, -0, Number.MAX_SAFE_INTEGER + 2]),
      () => "x".repeat(Math.floor(random() * 300)),
      () => pick(ids().concat(["", "🙂", "__proto__", "constructor", "send", "recv", "audio", "video", "mic", "screen"])),
    ])();
  const value = (depth: number): unknown => {
    if (depth > 4 || random() < 0.5) return scalar();
    if (random() < 0.4) return Array.from({ length: Math.floor(random() * 6) }, () => value(depth + 1));
    const keys = ["transportId", "producerId", "consumerId", "peerId", "direction", "kind", "source", "rtpParameters", "rtpCapabilities",
      "dtlsParameters", "text", "enabled", "raised", "locked", "role", "width", "height", "expectedBridgePointIds", "codecs", "encodings", "__proto__"];
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(keys), value(depth + 1)]));
  };
  /** Mostly a valid payload for the request, often with one field broken, sometimes wholly random. */
  const payload = (name: string, rtpCapabilities: unknown): unknown => {
    const valid: Record<string, () => unknown> = {
      transportId: () => pick(ids()),
      producerId: () => pick(ids()),
      consumerId: () => pick(ids()),
      peerId: () => pick(ids()),
      direction: () => pick(["send", "recv"]),
      kind: () => pick(["audio", "video"]),
      source: () => pick(["mic", "camera", "screen"]),
      rtpParameters: () => (random() < 0.5 ? opusParameters() : vp8SimulcastParameters()),
      rtpCapabilities: () => rtpCapabilities,
      dtlsParameters: () => ({ role: "client", fingerprints: [{ algorithm: "sha-256", value: "AB:CD" }] }),
      text: () => "xin chào",
      enabled: () => random() < 0.5,
      raised: () => random() < 0.5,
      locked: () => false,
      role: () => pick(["HOST", "PRESENTER", "ATTENDEE"]),
      width: () => 640,
      height: () => pick([0, 180, 360, 720]),
      expectedBridgePointIds: () => ["bp", "bp-2"],
      lateAfterSeconds: () => 30,
      audioOnly: () => random() < 0.5,
    };
    if (random() < 0.15) return value(0);
    const schema = signalingRequests[name as TSignalingRequestName]?.request as { shape?: Record<string, unknown> } | undefined;
    const keys = Object.keys(schema?.shape ?? valid);
    const result = Object.fromEntries(keys.map((key) => [key, valid[key]?.() ?? scalar()]));
    const roll = random();
    if (roll < 0.45 && keys.length) result[pick(keys)] = value(1);
    else if (roll < 0.55) result[pick(Object.keys(valid))] = value(1);
    return result;
  };
  return { pick, payload, scalar };
}

import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import { EventEmitter } from "node:events";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { types } from "mediasoup";
import type { TChatMessage } from "@diemcau/protocol";
import type { TRecordedProducer, TRecorderSource, TRecorderSourceEvents, TRecorderSourceListeners } from "./Recorder";

/** An uplink that holds its packets for `holdMs` out of every `everyMs`, then lets them through at once. */
type TBursts = { holdMs: number; everyMs: number };

/**
 * Real media for recorder tests, without a browser: per participant, ffmpeg encodes a test
 * pattern (VP8, 320×180) and a tone (Opus) and sends them as RTP into PlainTransport producers.
 * The tone is 300 + hue Hz, so a participant's audio can be found in the recording (toneLevelDb).
 */
export class TestRoomSource extends EventEmitter<TRecorderSourceEvents> implements TRecorderSource {
  readonly chatLog: TChatMessage[] = [];
  activeSpeakerPeerId: string | null = null;
  readonly #producers: TRecordedProducer[] = [];
  readonly #senders = new Map<string, ChildProcess>();
  readonly #uplinks = new Map<string, Socket>();
  #ssrcs = 0;

  constructor(readonly id: string, readonly router: types.Router) {
    super();
  }

  subscribe(listeners: TRecorderSourceListeners): () => void {
    this.on("producersChanged", listeners.producersChanged);
    this.on("activeSpeakerChanged", listeners.activeSpeakerChanged);
    return () => {
      this.off("producersChanged", listeners.producersChanged);
      this.off("activeSpeakerChanged", listeners.activeSpeakerChanged);
    };
  }

  recordedProducers(): TRecordedProducer[] {
    return this.#producers.filter(({ producer }) => !producer.closed);
  }

  /**
   * A participant sending camera and microphone; returns its two producers. With `audioBursts`,
   * the microphone's uplink holds its packets for `holdMs` out of every `everyMs` and then lets
   * them through at once, as a congested mobile link or a starved browser does.
   */
  async addParticipant(
    peerId: string,
    hue: number,
    options: { audioBursts?: TBursts } = {},
  ): Promise<{ video: types.Producer; audio: types.Producer }> {
    const vt = await this.router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: false, comedia: true });
    const at = await this.router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: false, comedia: true });
    const vSsrc = 10_000 + this.#ssrcs++ * 2;
    const aSsrc = vSsrc + 1;
    const video = await vt.produce({
      kind: "video",
      rtpParameters: { codecs: [{ mimeType: "video/VP8", payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: vSsrc }] },
    });
    const audio = await at.produce({
      kind: "audio",
      rtpParameters: { codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: aSsrc }] },
    });
    const url = (t: types.PlainTransport, rtpPort = t.tuple.localPort) =>
      `rtp://127.0.0.1:${rtpPort}?rtcpport=${t.rtcpTuple?.localPort ?? t.tuple.localPort + 1}&pkt_size=1200`;
    const audioPort = options.audioBursts ? await this.#burstyUplink(peerId, at.tuple.localPort, options.audioBursts) : at.tuple.localPort;
    // Replayed with -c copy: a live encoder per participant starves on a busy machine, and so would its media.
    const sender = spawn(
      "ffmpeg",
      [
        "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-stream_loop", "-1", "-i", await participantMedia(hue),
        "-map", "0:v", "-c", "copy", "-payload_type", "101", "-ssrc", String(vSsrc), "-f", "rtp", url(vt),
        "-map", "0:a", "-c", "copy", "-payload_type", "100", "-ssrc", String(aSsrc), "-f", "rtp", url(at, audioPort),
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    this.#senders.set(peerId, sender);
    this.#producers.push({ producer: video, peerId, source: "camera" }, { producer: audio, peerId, source: "mic" });
    this.emit("producersChanged");
    return { video, audio };
  }

  /** The participant leaves (or its connection drops): its producers close, its sender stops. */
  removeParticipant(peerId: string): void {
    this.#senders.get(peerId)?.kill("SIGKILL");
    this.#senders.delete(peerId);
    this.#uplinks.get(peerId)?.close();
    this.#uplinks.delete(peerId);
    for (const { producer, peerId: owner } of this.#producers) if (owner === peerId) producer.close();
    this.emit("producersChanged");
  }

  speak(peerId: string): void {
    this.activeSpeakerPeerId = peerId;
    this.emit("activeSpeakerChanged", peerId);
  }

  close(): void {
    for (const sender of this.#senders.values()) sender.kill("SIGKILL");
    for (const uplink of this.#uplinks.values()) uplink.close();
  }

  /** A UDP port that forwards RTP to `port` in bursts: what arrives while it holds waits for the hold's end. */
  async #burstyUplink(peerId: string, port: number, bursts: TBursts): Promise<number> {
    const socket = createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    const startedAt = performance.now();
    const held: Buffer[] = [];
    let releaseTimer: NodeJS.Timeout | undefined;
    const release = () => {
      for (const packet of held.splice(0)) socket.send(packet, port, "127.0.0.1");
    };
    socket.on("message", (packet) => {
      const phase = (performance.now() - startedAt) % bursts.everyMs;
      if (phase >= bursts.holdMs) {
        release();
        return void socket.send(packet, port, "127.0.0.1");
      }
      if (held.length === 0) releaseTimer = setTimeout(release, bursts.holdMs - phase);
      held.push(packet);
    });
    // A closed socket throws on send: the burst held at the end is dropped with it.
    socket.once("close", () => clearTimeout(releaseTimer));
    this.#uplinks.set(peerId, socket);
    return socket.address().port;
  }
}

/**
 * A participant's media, encoded once per hue and machine: a test pattern (VP8, 320×180, 15 fps,
 * a keyframe every second) and a 300 + hue Hz tone (Opus), 10 s to loop.
 */
async function participantMedia(hue: number): Promise<string> {
  const dir = join(tmpdir(), "diemcau-recorder-test-media");
  const file = join(dir, `hue-${hue}.webm`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.part.webm`;
  // Not execFileSync: the recorder under test relays media on this event loop meanwhile.
  await promisify(execFile)("ffmpeg", [
    "-hide_banner", "-loglevel", "error", "-y",
    "-f", "lavfi", "-i", `testsrc=size=320x180:rate=15,hue=h=${hue}`,
    "-f", "lavfi", "-i", `sine=frequency=${300 + hue}:sample_rate=48000`,
    "-t", "10", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-g", "15", "-keyint_min", "15",
    "-c:a", "libopus", "-b:a", "48k", partial,
  ]);
  renameSync(partial, file);
  return file;
}

export type TPlaylistInfo = { segments: string[]; durations: number[]; total: number; discontinuities: number; endlist: boolean };

export function readPlaylist(path: string): TPlaylistInfo {
  const text = readFileSync(path, "utf8");
  const durations = [...text.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
  return {
    segments: text.split("\n").filter((line) => line.endsWith(".ts")),
    durations,
    total: durations.reduce((a, b) => a + b, 0),
    // ffmpeg's append_list also marks the very first segment; only the ones between runs count.
    discontinuities: (text.slice(text.indexOf(".ts\n")).match(/#EXT-X-DISCONTINUITY\n/g) ?? []).length,
    endlist: text.includes("#EXT-X-ENDLIST"),
  };
}

/** ffmpeg decodes the whole playlist; returns its error lines (none for a clean recording). */
export function decodeErrors(playlist: string): string[] {
  const result = spawnSync("ffmpeg", ["-v", "error", "-i", playlist, "-f", "null", "-"], { encoding: "utf8", timeout: 60_000 });
  return [result.status === 0 ? "" : `exit ${result.status}`, ...result.stderr.split("\n")].filter((line) => line.trim());
}

/** Decodes segments joined end to end: for a playlist left open (no ENDLIST), which ffmpeg would wait on forever. */
export function decodeSegmentErrors(paths: string[]): string[] {
  const result = spawnSync("ffmpeg", ["-v", "error", "-i", `concat:${paths.join("|")}`, "-f", "null", "-"], { encoding: "utf8", timeout: 60_000 });
  return [result.status === 0 ? "" : `exit ${result.status}`, ...result.stderr.split("\n")].filter((line) => line.trim());
}

export function probeDuration(path: string): number {
  const result = spawnSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path], { encoding: "utf8" });
  return Number(result.stdout.trim());
}

/** Remuxes a playlist to MP4 as the finalizer does (-c copy) and reads the file's and each stream's duration. */
export function remuxedDurations(playlist: string, mp4: string): { format: number; video: number; audio: number } {
  spawnSync("ffmpeg", ["-v", "error", "-y", "-i", playlist, "-map", "0:v:0", "-map", "0:a:0", "-c", "copy", mp4], { timeout: 60_000 });
  const streams = spawnSync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type,duration", "-of", "csv=p=0", mp4], { encoding: "utf8" });
  const duration = (type: string) =>
    Number(streams.stdout.split("\n").find((line) => line.startsWith(`${type},`))?.split(",")[1] ?? NaN);
  return { format: probeDuration(mp4), video: duration("video"), audio: duration("audio") };
}

/**
 * Level (dB) of one frequency in [fromSec, toSec) of a recording: the audio through a narrow band
 * pass, measured by volumedetect. A participant's test tone stands some 40 dB above its absence.
 */
export function toneLevelDb(playlist: string, frequencyHz: number, fromSec: number, toSec: number): number {
  const result = spawnSync(
    "ffmpeg",
    ["-hide_banner", "-ss", String(fromSec), "-t", String(toSec - fromSec), "-i", playlist, "-vn",
      "-af", `bandpass=f=${frequencyHz}:width_type=h:width=20,bandpass=f=${frequencyHz}:width_type=h:width=20,volumedetect`, "-f", "null", "-"],
    { encoding: "utf8", timeout: 60_000 },
  );
  const mean = /mean_volume: (-?[\d.]+|-inf) dB/.exec(result.stderr)?.[1];
  if (mean === undefined) throw new Error(`no level measured: ${result.stderr.slice(-500)}`);
  return mean === "-inf" ? -Infinity : Number(mean);
}

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import type { types } from "mediasoup";
import type { TChatMessage } from "@diemcau/protocol";
import type { TRecordedProducer, TRecorderSource, TRecorderSourceEvents, TRecorderSourceListeners } from "./Recorder";

/**
 * Real media for recorder tests, without a browser: per participant, ffmpeg encodes a test
 * pattern (VP8, 320×180) and a tone (Opus) and sends them as RTP into PlainTransport producers.
 */
export class TestRoomSource extends EventEmitter<TRecorderSourceEvents> implements TRecorderSource {
  readonly chatLog: TChatMessage[] = [];
  activeSpeakerPeerId: string | null = null;
  readonly #producers: TRecordedProducer[] = [];
  readonly #senders: ChildProcess[] = [];

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

  /** A participant sending camera and microphone; returns its two producers. */
  async addParticipant(peerId: string, hue: number): Promise<{ video: types.Producer; audio: types.Producer }> {
    const vt = await this.router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: false, comedia: true });
    const at = await this.router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: false, comedia: true });
    const vSsrc = 10_000 + this.#producers.length * 2;
    const aSsrc = vSsrc + 1;
    const video = await vt.produce({
      kind: "video",
      rtpParameters: { codecs: [{ mimeType: "video/VP8", payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: vSsrc }] },
    });
    const audio = await at.produce({
      kind: "audio",
      rtpParameters: { codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: aSsrc }] },
    });
    const url = (t: types.PlainTransport) => `rtp://127.0.0.1:${t.tuple.localPort}?rtcpport=${t.rtcpTuple?.localPort ?? t.tuple.localPort + 1}&pkt_size=1200`;
    const sender = spawn(
      "ffmpeg",
      [
        "-hide_banner", "-loglevel", "error", "-re",
        "-f", "lavfi", "-i", `testsrc=size=320x180:rate=15,hue=h=${hue}`,
        "-f", "lavfi", "-i", `sine=frequency=${300 + hue}:sample_rate=48000`,
        "-map", "0:v", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-g", "30",
        "-payload_type", "101", "-ssrc", String(vSsrc), "-f", "rtp", url(vt),
        "-map", "1:a", "-c:a", "libopus", "-b:a", "48k", "-payload_type", "100", "-ssrc", String(aSsrc), "-f", "rtp", url(at),
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    this.#senders.push(sender);
    this.#producers.push({ producer: video, peerId, source: "camera" }, { producer: audio, peerId, source: "mic" });
    this.emit("producersChanged");
    return { video, audio };
  }

  speak(peerId: string): void {
    this.activeSpeakerPeerId = peerId;
    this.emit("activeSpeakerChanged", peerId);
  }

  close(): void {
    for (const sender of this.#senders) sender.kill("SIGKILL");
  }
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

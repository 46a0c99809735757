import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export type TProgramLayout = {
  /** Ports of the camera inputs (SDP order): the program shows one, chosen by selectCamera. */
  cameraCount: number;
  /** A screen share: shown full size, with the selected camera small in a corner. */
  hasScreen: boolean;
  audioCount: number;
};

export type TRecorderProcessOptions = {
  ffmpegPath: string;
  /** The SDP describing every input, in stream order: cameras, then the screen, then audio. */
  sdp: string;
  layout: TProgramLayout;
  initialCamera: number;
  width: number;
  height: number;
  /** live/ directory: index.m3u8 and seg-r<run>-<n>.ts. */
  liveDir: string;
  run: number;
  /** Seconds recorded by the earlier runs: timestamps go on from there, with no hole (ffmpeg writes the discontinuity). */
  offsetSec: number;
  /** UDP ports ffmpeg must have bound (RTP and RTCP of every input) before media is worth sending. */
  ports: number[];
};

export type TRecorderExit = {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** ffmpeg said ENOSPC: the disk is full. */
  diskFull: boolean;
  stderrTail: string;
};

const STDERR_TAIL_BYTES = 8192;
const BIND_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 10_000;

/** One ffmpeg run writing the live program as HLS; the Recorder supervises and replaces it. */
export class RecorderProcess {
  readonly run: number;
  readonly exited: Promise<TRecorderExit>;
  readonly #child: ChildProcessByStdio<Writable, null, Readable>;
  readonly #cameraCount: number;
  #stderr = "";
  #stopping = false;

  private constructor(child: ChildProcessByStdio<Writable, null, Readable>, options: TRecorderProcessOptions) {
    this.run = options.run;
    this.#child = child;
    this.#cameraCount = options.layout.cameraCount;
    child.stdin.on("error", () => {});
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      const done = (code: number | null, signal: NodeJS.Signals | null) =>
        resolve({ code, signal, diskFull: /No space left on device|ENOSPC/i.test(this.#stderr), stderrTail: this.#stderr });
      child.once("exit", done);
      child.once("error", () => done(null, null));
    });
  }

  static async start(options: TRecorderProcessOptions): Promise<RecorderProcess> {
    const sdpPath = join(options.liveDir, "..", `program-r${options.run}.sdp`);
    await writeFile(sdpPath, options.sdp);
    const child = spawn(options.ffmpegPath, ffmpegArgs(options, sdpPath), { stdio: ["pipe", "ignore", "pipe"] });
    const process = new RecorderProcess(child, options);
    const started = Date.now();
    while (!portsBound(options.ports)) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      if (Date.now() - started > BIND_TIMEOUT_MS) break;
      await sleep(20);
    }
    return process;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** True once stop() was asked: the exit that follows is not a crash. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Switches the program to camera k, exactly at the next frame (no restart). */
  selectCamera(index: number): void {
    if (this.#cameraCount < 2 || !this.running) return;
    this.#child.stdin.write(`cstreamselect@sel -1 map ${index}\n`);
  }

  /** 'q' lets ffmpeg finish the segment being written; SIGKILL if it does not exit in time. */
  async stop(): Promise<TRecorderExit> {
    this.#stopping = true;
    if (this.running) {
      this.#child.stdin.write("q");
      const timer = setTimeout(() => this.#child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      const exit = await this.exited;
      clearTimeout(timer);
      return exit;
    }
    return this.exited;
  }

  kill(): void {
    this.#stopping = true;
    this.#child.kill("SIGKILL");
  }
}

/** The filter graph of the program: the selected camera (or the screen with it small), all audio mixed. */
export function programFilter(layout: TProgramLayout, width: number, height: number, initialCamera: number): string {
  const fit = (w: number, h: number) =>
    `scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,setsar=1`;
  const parts: string[] = [];
  const { cameraCount, hasScreen, audioCount } = layout;
  for (let i = 0; i < cameraCount; i++) parts.push(`[0:${i}]${fit(width, height)}[cam${i}]`);
  let camera = cameraCount > 0 ? "[cam0]" : "";
  if (cameraCount > 1) {
    const inputs = Array.from({ length: cameraCount }, (_, i) => `[cam${i}]`).join("");
    parts.push(`${inputs}streamselect@sel=inputs=${cameraCount}:map=${initialCamera}[selected]`);
    camera = "[selected]";
  }
  if (hasScreen) {
    parts.push(`[0:${cameraCount}]${fit(width, height)}[screen]`);
    if (camera) {
      const pipW = evenAtLeast2(width / 4);
      const pipH = evenAtLeast2(height / 4);
      const margin = evenAtLeast2(width / 80);
      parts.push(`${camera}scale=${pipW}:${pipH}[pip]`);
      parts.push(`[screen][pip]overlay=W-w-${margin}:H-h-${margin}:eof_action=pass[mixed]`);
      camera = "[mixed]";
    } else camera = "[screen]";
  }
  parts.push(`${camera}fps=20,format=yuv420p[vout]`);
  const firstAudio = cameraCount + (hasScreen ? 1 : 0);
  const audio = Array.from({ length: audioCount }, (_, i) => `[0:${firstAudio + i}]`).join("");
  // aresample's async keeps the audio on the inputs' clock (the sender reports), the clock video
  // uses too, padding or trimming where an input's timestamps jump. Restamping its output by
  // sample count (asetpts=N/SR/TB) undid that: every pad or trim then shifted or shortened the
  // audio, which in a real meeting ended seconds before the video. A backward step that still
  // gets through (the start-up switch from RTP to sender-report time) must not reach the AAC
  // muxer, so a frame never starts before the previous one ends; otherwise its PTS is kept.
  const monotonic = "asetpts='st(1,if(eq(N,0),PTS,max(PTS,ld(0))));st(0,ld(1)+NB_SAMPLES/SR/TB);ld(1)'";
  parts.push(
    audioCount > 1
      ? `${audio}amix=inputs=${audioCount}:duration=longest:dropout_transition=0:normalize=0,aresample=async=1000,${monotonic}[aout]`
      : `${audio}aresample=async=1000,${monotonic}[aout]`,
  );
  return parts.join(";");
}

function evenAtLeast2(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

function ffmpegArgs(options: TRecorderProcessOptions, sdpPath: string): string[] {
  const { width, height } = options;
  const big = width * height > 640 * 360;
  return [
    "-hide_banner", "-nostats", "-loglevel", "warning",
    "-protocol_whitelist", "file,udp,rtp",
    // Keep the graph when a camera changes size (simulcast layer, our black filler): scale absorbs it,
    // where a reinit would reset the audio mix and the speaker selection.
    "-reinit_filter", "0",
    "-analyzeduration", "3000000", "-probesize", "5000000", "-buffer_size", "4194304",
    "-i", sdpPath,
    "-filter_complex", programFilter(options.layout, width, height, options.initialCamera),
    "-map", "[vout]", "-map", "[aout]",
    "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-crf", "23",
    "-maxrate", big ? "3000k" : "1200k", "-bufsize", big ? "6000k" : "2400k",
    "-g", "40", "-keyint_min", "40", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*2)",
    "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
    ...(options.offsetSec > 0 ? ["-output_ts_offset", options.offsetSec.toFixed(3)] : []),
    "-f", "hls", "-hls_time", "2", "-hls_list_size", "0", "-hls_playlist_type", "event",
    // omit_endlist: a run that ends is not the recording's end (a restart follows); stop() writes ENDLIST.
    "-hls_flags", "append_list+independent_segments+program_date_time+temp_file+omit_endlist",
    "-hls_segment_type", "mpegts",
    "-hls_segment_filename", join(options.liveDir, `seg-r${options.run}-%05d.ts`),
    join(options.liveDir, "index.m3u8"),
  ];
}

/** True when every port is bound by some UDP socket on this machine (ffmpeg's, here). */
function portsBound(ports: number[]): boolean {
  try {
    const bound = new Set<number>();
    for (const file of ["/proc/net/udp", "/proc/net/udp6"]) {
      let text = "";
      try {
        text = readFileSync(file, "utf8");
      } catch {
        continue;
      }
      for (const line of text.split("\n").slice(1)) {
        const local = line.trim().split(/\s+/)[1];
        if (local) bound.add(parseInt(local.split(":").at(-1)!, 16));
      }
    }
    return ports.every((port) => bound.has(port));
  } catch {
    return true;
  }
}

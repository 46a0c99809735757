import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * ffmpeg's inputs, the same for the whole recording (SDP order): the camera slot, the screen
 * slot, then the audio slots. Which producer feeds which slot is the relay's business.
 */
export type TProgramLayout = { audioSlots: number };

export type TRecorderProcessOptions = {
  ffmpegPath: string;
  /** The SDP describing every input, in the layout's stream order. */
  sdp: string;
  layout: TProgramLayout;
  /** Start with the screen share laid out (shown full size, the camera small in a corner). */
  showScreen: boolean;
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
/** How long a stop waits for ffmpeg to read what is queued on its sockets before it quits… */
const DRAIN_TIMEOUT_MS = 5000;
/** …until no more than a few packets wait: media keeps coming, since ffmpeg reads 'q' only between packets. */
const CAUGHT_UP_BYTES = 8192;

/** One ffmpeg run writing the live program as HLS; the Recorder supervises it and replaces it only when it dies. */
export class RecorderProcess {
  readonly run: number;
  readonly exited: Promise<TRecorderExit>;
  readonly #child: ChildProcessByStdio<Writable, null, Readable>;
  readonly #ports: number[];
  #stderr = "";
  #stopping = false;

  private constructor(child: ChildProcessByStdio<Writable, null, Readable>, options: TRecorderProcessOptions) {
    this.run = options.run;
    this.#child = child;
    this.#ports = options.ports;
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

  /** Lays the program out for a screen share or for the camera alone, exactly at the next frame (no restart). */
  showScreen(on: boolean): void {
    if (!this.running) return;
    this.#child.stdin.write(`cstreamselect@layout -1 map ${on ? 1 : 0}\n`);
  }

  /**
   * 'q' lets ffmpeg finish the segment being written; SIGKILL if it does not exit in time. ffmpeg
   * first catches up on what is queued on its sockets: 'q' makes it drop whatever it has not read.
   * On a busy machine it falls behind, and it reads its inputs in SDP order, so the queue is the
   * audio's: a recorded meeting lost its last 3 s of sound that way.
   */
  async stop(): Promise<TRecorderExit> {
    this.#stopping = true;
    // The monotonic clock: a wall clock may be stepped (NTP) while it waits.
    const drainBy = performance.now() + DRAIN_TIMEOUT_MS;
    while (this.running && queuedBytes(this.#ports) > CAUGHT_UP_BYTES && performance.now() < drainBy) await sleep(20);
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

  /** SIGKILL for an ffmpeg that is stuck: its exit counts as a crash, so the recorder restarts it. */
  killStalled(): void {
    this.#child.kill("SIGKILL");
  }
}

/**
 * The filter graph of the program: the camera slot full size, or the screen slot with the camera
 * small in a corner (streamselect@layout picks one, switched on stdin), and every audio slot mixed.
 */
export function programFilter(layout: TProgramLayout, width: number, height: number, showScreen: boolean): string {
  const fit = (w: number, h: number) =>
    `scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,setsar=1`;
  const pipW = evenAtLeast2(width / 4);
  const pipH = evenAtLeast2(height / 4);
  const margin = evenAtLeast2(width / 80);
  const parts = [
    `[0:0]${fit(width, height)},split[camera][camera2]`,
    `[camera2]scale=${pipW}:${pipH}[pip]`,
    `[0:1]${fit(width, height)}[screen]`,
    `[screen][pip]overlay=W-w-${margin}:H-h-${margin}:eof_action=pass[shared]`,
    `[camera][shared]streamselect@layout=inputs=2:map=${showScreen ? 1 : 0},fps=20,format=yuv420p[vout]`,
  ];
  // Each input is put on its own timestamps first, the clock video uses too (the sender
  // reports): aresample's async pads where they jump ahead and trims where they step back. An
  // input's samples do not follow its timestamps on their own: the relay fills a stalled uplink
  // with silence and then passes the late burst on, and DTX sends a short frame per 400 ms.
  // amix mixes by sample count and stamps the mix with the first input's timestamps, so a
  // surplus there put the mix behind the clock; the audio then ended seconds before the video.
  const onClock = Array.from({ length: layout.audioSlots }, (_, i) => `[0:${2 + i}]aresample=async=1000[a${i}]`);
  const clocked = onClock.map((_, i) => `[a${i}]`).join("");
  parts.push(...onClock, `${clocked}amix=inputs=${layout.audioSlots}:duration=longest:dropout_transition=0:normalize=0[aout]`);
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
    // Keep the graph when a slot's picture changes size (another speaker, a simulcast layer, our
    // black filler): scale absorbs it, where a reinit would reset the audio mix and the layout.
    "-reinit_filter", "0",
    "-analyzeduration", "3000000", "-probesize", "5000000", "-buffer_size", "4194304",
    "-i", sdpPath,
    "-filter_complex", programFilter(options.layout, width, height, options.showScreen),
    "-map", "[vout]", "-map", "[aout]",
    "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-crf", "23",
    "-maxrate", big ? "3000k" : "1200k", "-bufsize", big ? "6000k" : "2400k",
    "-g", "40", "-keyint_min", "40", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*2)",
    "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
    ...(options.offsetSec > 0 ? ["-output_ts_offset", options.offsetSec.toFixed(3)] : []),
    "-f", "hls", "-hls_time", "2", "-hls_list_size", "0", "-hls_playlist_type", "event",
    // omit_endlist: a run that ends is not the recording's end (a crash restart may follow); stop() writes ENDLIST.
    // append_list only from the second run on: ffmpeg marks the first appended segment as a discontinuity.
    "-hls_flags", `${options.run > 1 ? "append_list+" : ""}independent_segments+program_date_time+temp_file+omit_endlist`,
    "-hls_segment_type", "mpegts",
    "-hls_segment_filename", join(options.liveDir, `seg-r${options.run}-%05d.ts`),
    join(options.liveDir, "index.m3u8"),
  ];
}

/** The UDP sockets on this machine by local port, with the bytes waiting to be read on each (Linux /proc). */
function udpReceiveQueues(): Map<number, number> {
  const queues = new Map<number, number>();
  for (const file of ["/proc/net/udp", "/proc/net/udp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    // "sl local_address rem_address st tx_queue:rx_queue …", the numbers in hex.
    for (const line of text.split("\n").slice(1)) {
      const [, local, , , queue] = line.trim().split(/\s+/);
      if (!local || !queue) continue;
      const port = parseInt(local.split(":").at(-1)!, 16);
      queues.set(port, (queues.get(port) ?? 0) + parseInt(queue.split(":")[1] ?? "0", 16));
    }
  }
  return queues;
}

/** True when every port is bound by some UDP socket on this machine (ffmpeg's, here). */
function portsBound(ports: number[]): boolean {
  const queues = udpReceiveQueues();
  return queues.size === 0 || ports.every((port) => queues.has(port));
}

/** Bytes received on these ports that ffmpeg has not read yet. */
function queuedBytes(ports: number[]): number {
  const queues = udpReceiveQueues();
  return ports.reduce((sum, port) => sum + (queues.get(port) ?? 0), 0);
}

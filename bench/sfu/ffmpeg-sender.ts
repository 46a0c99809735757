import { spawn, type ChildProcess } from "node:child_process";

type TRtpTarget = { rtpPort: number; rtcpPort: number; ssrc: number; payloadType: number };
/** One video target per simulcast layer (lowest first), each fed from its own file. */
export type TSenderTargets = { audio: TRtpTarget; video: TRtpTarget[] };

/**
 * One synthetic participant: ffmpeg replays pre-encoded files in real time (-re, looped) with
 * -c copy, so it costs almost no CPU, and sends Opus and VP8 (one stream per simulcast layer) as RTP.
 */
export class FfmpegSender {
  readonly #process: ChildProcess;
  #stderr = "";

  /** `videoFiles[i]` feeds `targets.video[i]`; the audio comes from the first file. */
  constructor(videoFiles: string[], targets: TSenderTargets) {
    if (videoFiles.length !== targets.video.length) throw new Error("one file per video target");
    const out = (streamIndex: number, t: TRtpTarget) =>
      `[select=${streamIndex}:f=rtp:ssrc=${t.ssrc}:payload_type=${t.payloadType}]rtp://127.0.0.1:${t.rtpPort}?rtcpport=${t.rtcpPort}&pkt_size=1200`;
    const inputs = videoFiles.flatMap((file) => ["-re", "-stream_loop", "-1", "-i", file]);
    const maps = ["-map", "0:a:0", ...videoFiles.flatMap((_, i) => ["-map", `${i}:v:0`])];
    const outputs = [out(0, targets.audio), ...targets.video.map((t, i) => out(i + 1, t))];
    this.#process = spawn("ffmpeg", ["-v", "error", "-nostdin", ...inputs, ...maps, "-c", "copy", "-f", "tee", outputs.join("|")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.#process.stderr?.on("data", (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-2000);
    });
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  /** ffmpeg's last error lines, to explain a sender that stopped. */
  get stderr(): string {
    return this.#stderr;
  }

  get running(): boolean {
    return this.#process.exitCode === null && this.#process.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.#process.once("exit", () => resolve()));
    this.#process.kill("SIGTERM");
    await exited;
  }
}

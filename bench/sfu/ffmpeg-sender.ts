import { spawn, type ChildProcess } from "node:child_process";

type TRtpTarget = { rtpPort: number; rtcpPort: number; ssrc: number; payloadType: number };
export type TSenderTargets = { audio: TRtpTarget; video: TRtpTarget };

/**
 * One synthetic participant: ffmpeg replays the pre-encoded file in real time (-re, looped) with
 * -c copy, so it costs almost no CPU, and sends Opus and VP8 as RTP to two transports.
 */
export class FfmpegSender {
  readonly #process: ChildProcess;
  #stderr = "";

  constructor(mediaFile: string, targets: TSenderTargets) {
    const out = (kind: "a" | "v", t: TRtpTarget) =>
      `[select=${kind}:f=rtp:ssrc=${t.ssrc}:payload_type=${t.payloadType}]rtp://127.0.0.1:${t.rtpPort}?rtcpport=${t.rtcpPort}&pkt_size=1200`;
    this.#process = spawn(
      "ffmpeg",
      [
        "-v", "error", "-nostdin",
        "-re", "-stream_loop", "-1", "-i", mediaFile,
        "-map", "0:a:0", "-map", "0:v:0", "-c", "copy",
        "-f", "tee", `${out("a", targets.audio)}|${out("v", targets.video)}`,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
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

import { spawn } from "node:child_process";
import { join } from "node:path";
import { z } from "zod";

const STDERR_TAIL = 4000;

export class FfmpegError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(`${command} exited with ${exitCode}: ${stderrTail.trim().split("\n").slice(-3).join(" | ")}`);
    this.name = "FfmpegError";
  }
}

export type RunOptions = {
  /** Called with the output time reached (seconds), from ffmpeg's `-progress pipe:1`. */
  onProgress?: (outTimeSec: number) => void;
};

/** Runs ffmpeg (with -progress when asked) and resolves with its stderr once it exits with 0. */
export function runFfmpeg(args: string[], options: RunOptions = {}): Promise<string> {
  const progressArgs = options.onProgress ? ["-progress", "pipe:1", "-nostats"] : [];
  return run("ffmpeg", ["-hide_banner", "-nostdin", ...progressArgs, ...args], options.onProgress);
}

export function runFfprobe(args: string[]): Promise<string> {
  return run("ffprobe", ["-hide_banner", ...args]).then((out) => out);
}

function run(command: string, args: string[], onProgress?: (outTimeSec: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (!onProgress) {
        stdout += chunk;
        return;
      }
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const match = /^out_time_us=(\d+)/.exec(line);
        if (match) onProgress(Number(match[1]) / 1e6);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-64 * 1024);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(command === "ffprobe" ? stdout : stderr);
      else reject(new FfmpegError(command, code, stderr.slice(-STDERR_TAIL)));
    });
  });
}

const ZProbeSchema = z.object({
  format: z.object({ format_name: z.string().optional(), duration: z.coerce.number().optional(), size: z.coerce.number().optional() }).optional(),
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        profile: z.string().optional(),
        level: z.number().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        pix_fmt: z.string().optional(),
      }),
    )
    .default([]),
});

export type MediaProbe = {
  /** ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  formatName: string | null;
  durationSec: number | null;
  video: { codec: string; profile?: string; level?: number; width: number; height: number; pixFmt?: string } | null;
  audio: { codec: string } | null;
};

/**
 * ffprobe's view of a file or playlist; throws FfmpegError when ffprobe cannot read it at all.
 * `inputArgs` restrict how an untrusted file may be read (untrustedInputArgs).
 */
export async function probeMedia(path: string, inputArgs: string[] = []): Promise<MediaProbe> {
  const out = await runFfprobe([
    "-v",
    "error",
    ...inputArgs,
    "-show_entries",
    "format=format_name,duration,size:stream=codec_type,codec_name,profile,level,width,height,pix_fmt",
    "-of",
    "json",
    path,
  ]);
  const probe = ZProbeSchema.parse(JSON.parse(out));
  const video = probe.streams.find((s) => s.codec_type === "video" && s.width && s.height);
  const audio = probe.streams.find((s) => s.codec_type === "audio");
  const duration = probe.format?.duration;
  return {
    formatName: probe.format?.format_name ?? null,
    durationSec: duration !== undefined && Number.isFinite(duration) ? duration : null,
    video:
      video?.codec_name && video.width && video.height
        ? {
            codec: video.codec_name,
            profile: video.profile,
            level: video.level,
            width: video.width,
            height: video.height,
            pixFmt: video.pix_fmt,
          }
        : null,
    audio: audio?.codec_name ? { codec: audio.codec_name } : null,
  };
}

/** The RFC 6381 codecs string of an H.264 + AAC rendition, e.g. "avc1.64001f,mp4a.40.2". */
export function hlsCodecs(probe: Pick<MediaProbe, "video" | "audio">): string | null {
  const video = probe.video;
  if (!video || video.codec !== "h264" || !video.level) return null;
  const profiles: Record<string, string> = {
    "Constrained Baseline": "42e0",
    Baseline: "4200",
    Main: "4d00",
    High: "6400",
  };
  const profile = profiles[video.profile ?? ""];
  if (!profile) return null;
  const avc = `avc1.${profile}${video.level.toString(16).padStart(2, "0")}`;
  if (!probe.audio) return avc;
  return probe.audio.codec === "aac" ? `${avc},mp4a.40.2` : null;
}

/** ffmpeg output arguments for a finished (VOD) HLS rendition of 2 s segments in `dir`. */
export function vodHlsOutputArgs(dir: string): string[] {
  return [
    "-f", "hls",
    "-hls_time", "2",
    "-hls_list_size", "0",
    "-hls_playlist_type", "vod",
    "-hls_flags", "independent_segments",
    "-hls_segment_filename", join(dir, "seg-%05d.ts"),
    join(dir, "index.m3u8"),
  ];
}

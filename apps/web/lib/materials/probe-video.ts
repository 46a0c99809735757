import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { untrustedInputArgs } from "@diemcau/protocol";

const run = promisify(execFile);

/**
 * True when ffprobe, reading the file only as one of the allowed containers (untrusted-media.ts),
 * finds a video stream with a duration. Still images also probe as a "video" stream (mjpeg, png),
 * so image formats and zero-length results are refused too.
 */
export async function isPlayableVideo(path: string): Promise<boolean> {
  try {
    const { stdout } = await run(
      "ffprobe",
      ["-v", "error", ...untrustedInputArgs(), "-show_entries", "format=format_name,duration:stream=codec_type", "-of", "json", path],
      { timeout: 30_000 },
    );
    const probe = JSON.parse(stdout) as { format?: { format_name?: string; duration?: string }; streams?: { codec_type?: string }[] };
    const format = probe.format?.format_name ?? "";
    const duration = Number(probe.format?.duration ?? 0);
    return !!probe.streams?.some((s) => s.codec_type === "video") && duration > 0 && !/image2|_pipe|gif|webp/.test(format);
  } catch {
    return false;
  }
}

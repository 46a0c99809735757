import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export type LiveRecordingOptions = {
  /** Seconds of each recorder run; more than one run appends with a discontinuity, as a restarted recorder does. */
  runs: number[];
  width?: number;
  height?: number;
  preset?: string;
  /** Seconds lost before each later run (a restart takes time): its timestamps jump by that much. */
  restartGapSec?: number;
};

/**
 * Writes what media-server's recorder leaves on disk: live/index.m3u8 with 2 s segments named by
 * run (seg-r<run>-<n>.ts), each later run offset by the time before it, and NO #EXT-X-ENDLIST —
 * a recorder that died. Test pattern video (H.264, keyframe every 2 s) and a sine tone (AAC).
 */
export async function makeLiveRecording(liveDir: string, options: LiveRecordingOptions): Promise<void> {
  const { width = 1280, height = 720, preset = "ultrafast", restartGapSec = 0 } = options;
  await mkdir(liveDir, { recursive: true });
  let offset = 0;
  for (const [index, seconds] of options.runs.entries()) {
    const run = index + 1;
    if (index > 0) offset += restartGapSec;
    await ffmpeg([
      "-v", "error", "-y",
      "-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=20`,
      "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
      "-t", String(seconds),
      "-c:v", "libx264", "-preset", preset, "-tune", "zerolatency", "-pix_fmt", "yuv420p",
      "-g", "40", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*2)",
      "-c:a", "aac", "-b:a", "128k",
      "-output_ts_offset", String(offset),
      "-f", "hls", "-hls_time", "2", "-hls_list_size", "0", "-hls_playlist_type", "event",
      "-hls_flags", "append_list+independent_segments+program_date_time+temp_file",
      "-hls_segment_filename", join(liveDir, `seg-r${run}-%05d.ts`),
      join(liveDir, "index.m3u8"),
    ]);
    offset += seconds;
  }
  const playlist = join(liveDir, "index.m3u8");
  await writeFile(playlist, (await readFile(playlist, "utf8")).replace("#EXT-X-ENDLIST\n", ""));
}

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("ffmpeg", args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr}`))));
  });
}

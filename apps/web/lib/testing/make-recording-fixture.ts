import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Writes what the finalizer leaves for a recording under <root>/recordings/<id>/ with real
 * ffmpeg output: hls/master.m3u8 over hls/source and hls/360p, download.mp4 and poster.jpg.
 */
export async function makeRecordingFixture(root: string, recordingId: string, seconds = 4): Promise<string> {
  const dir = join(root, "recordings", recordingId);
  const input = ["-f", "lavfi", "-i", `testsrc2=size=320x180:rate=20:duration=${seconds}`, "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`];
  const encode = ["-c:v", "libx264", "-preset", "ultrafast", "-g", "40", "-c:a", "aac", "-b:a", "64k", "-shortest"];
  const hls = ["-f", "hls", "-hls_time", "2", "-hls_list_size", "0", "-hls_playlist_type", "vod"];
  for (const [name, size] of [["source", "320x180"], ["360p", "640x360"]] as const) {
    await mkdir(join(dir, "hls", name), { recursive: true });
    await run("ffmpeg", ["-v", "error", "-y", ...input, ...encode, "-s", size, ...hls, "-hls_segment_filename", join(dir, "hls", name, "seg-%03d.ts"), join(dir, "hls", name, "index.m3u8")]);
  }
  await writeFile(
    join(dir, "hls", "master.m3u8"),
    [
      "#EXTM3U",
      '#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=320x180,CODECS="avc1.42c00d,mp4a.40.2",NAME="source"',
      "source/index.m3u8",
      '#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360,CODECS="avc1.42c01e,mp4a.40.2",NAME="360p"',
      "360p/index.m3u8",
      "",
    ].join("\n"),
  );
  await run("ffmpeg", ["-v", "error", "-y", ...input, ...encode, "-movflags", "+faststart", join(dir, "download.mp4")]);
  await run("ffmpeg", ["-v", "error", "-y", "-i", join(dir, "download.mp4"), "-frames:v", "1", join(dir, "poster.jpg")]);
  return dir;
}

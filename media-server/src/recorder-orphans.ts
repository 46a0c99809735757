import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const EXIT_WAIT_MS = 5000;

/** argv of a running process, or null when it is gone (a zombie has an empty cmdline). */
async function commandLine(pid: number): Promise<string[] | null> {
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return raw ? raw.split("\0").filter(Boolean) : null;
  } catch {
    return null;
  }
}

/** True when pid is an ffmpeg writing this playlist: a pid from recorder.json may since belong to anything else. */
export async function isRecorderFfmpeg(pid: number, playlistPath: string): Promise<boolean> {
  const args = await commandLine(pid);
  return Boolean(args && basename(args[0] ?? "").startsWith("ffmpeg") && args.includes(playlistPath));
}

/**
 * Kills the ffmpeg a SIGKILLed media-server left behind on this recording. Left alone it would
 * hold the playlist open and, stopped any later, write its last segment and playlist over the
 * next run's. Returns true when there was one.
 */
export async function killOrphanedRecorder(pid: number, playlistPath: string): Promise<boolean> {
  if (pid === process.pid || !(await isRecorderFfmpeg(pid, playlistPath))) return false;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    return false;
  }
  const deadline = Date.now() + EXIT_WAIT_MS;
  while (Date.now() < deadline && (await isRecorderFfmpeg(pid, playlistPath))) await sleep(20);
  return true;
}

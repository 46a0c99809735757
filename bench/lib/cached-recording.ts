import { existsSync } from "node:fs";
import { link, mkdir, readFile, readdir, rm, copyFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { makeLiveRecording } from "../../apps/worker/src/jobs/testing/make-live-recording";

/**
 * What the recorder leaves after `minutes` of a 720p meeting (2 s segments, H.264 veryfast + AAC,
 * no #EXT-X-ENDLIST), generated once into ~/.cache/diemcau/bench/ (a few minutes for 10 minutes
 * of video), then reused. Returns its live/ folder.
 */
export async function cachedLiveRecording(minutes: number): Promise<string> {
  const seconds = minutes * 60;
  const cache = path.join(homedir(), ".cache", "diemcau", "bench", `finalize-720p-${seconds}s`);
  const live = path.join(cache, "live");
  const done = path.join(cache, "complete");
  if (existsSync(done)) return live;
  console.log(`[bench] generating a ${minutes}-minute 720p test recording in ${cache} (once)…`);
  await rm(cache, { recursive: true, force: true });
  const started = Date.now();
  await makeLiveRecording(live, { runs: [seconds], preset: "veryfast" });
  await writeFile(done, new Date().toISOString());
  console.log(`[bench] generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return live;
}

/**
 * A longer recording made of `times` copies of a cached one, as recorder runs 1..times (segments
 * hard-linked as seg-r<k>-NNNNN.ts, a discontinuity between runs, as a restarted recorder leaves).
 */
export async function repeatLiveRecording(cachedLive: string, targetLive: string, times: number): Promise<void> {
  await mkdir(targetLive, { recursive: true });
  const lines = (await readFile(path.join(cachedLive, "index.m3u8"), "utf8")).split("\n");
  const firstSegment = lines.findIndex((line) => line.startsWith("#EXTINF"));
  const header = lines.slice(0, firstSegment).filter((line) => !line.startsWith("#EXT-X-PROGRAM-DATE-TIME"));
  const body = lines.slice(firstSegment).filter((line) => line && !line.startsWith("#EXT-X-PROGRAM-DATE-TIME") && line !== "#EXT-X-ENDLIST");
  const out = [...header];
  for (let run = 1; run <= times; run++) {
    if (run > 1) out.push("#EXT-X-DISCONTINUITY");
    for (const line of body) out.push(line.replace(/^seg-r1-/, `seg-r${run}-`));
  }
  for (const name of await readdir(cachedLive)) {
    if (!name.endsWith(".ts")) continue;
    for (let run = 1; run <= times; run++) await linkOrCopy(path.join(cachedLive, name), path.join(targetLive, name.replace(/^seg-r1-/, `seg-r${run}-`)));
  }
  await writeFile(path.join(targetLive, "index.m3u8"), out.join("\n") + "\n");
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

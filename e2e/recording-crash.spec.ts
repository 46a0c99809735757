import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { scheduleConferenceNow } from "./conference-now";
import { fromSite } from "./fixtures";
import {
  decodesToTheEnd,
  enterRoom,
  expectPlaying,
  MEDIA_HEALTH_URL,
  participant,
  probeDuration,
  recordingFiles,
  recordingOfEvent,
  STORAGE_DIR,
  waitForFinishedMaterial,
} from "./recording-media";

/*
 * The media server is SIGKILLed in the middle of a recording and nobody comes back: the segments
 * written before the kill stay on disk and play, and the worker's sweep (a recording with no new
 * segment for RECORDING_STALE_SECONDS that media-server does not report active) still makes the material.
 */

/** The seconds the playlist lists (a recorder restart at the start can leave a 0 s first segment). */
function listedSeconds(playlistFile: string): number {
  return [...readFileSync(playlistFile, "utf8").matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

function liveSegments(playlistFile: string): string[] {
  return segmentsListed(readFileSync(playlistFile, "utf8"));
}

function segmentsListed(playlist: string): string[] {
  return playlist
    .split("\n")
    .filter((line) => line.endsWith(".ts"));
}

/**
 * What the live folder holds right after the kill: its playlist and the segments it lists, copied
 * so the sweep (10 s after the last segment) cannot remove them before they are probed. The recorder
 * writes the playlist and each segment to a temporary file and renames it when complete
 * (-hls_flags temp_file), so what the playlist lists is whole, even while the recorder still runs.
 * The copy is closed with an end tag: it is what was recorded by then, and ffmpeg would otherwise
 * wait for more segments of a live playlist.
 */
function snapshotLivePlaylist(playlistFile: string, copy: string): string {
  const playlist = readFileSync(playlistFile, "utf8");
  mkdirSync(copy, { recursive: true });
  for (const segment of segmentsListed(playlist)) copyFileSync(join(dirname(playlistFile), segment), join(copy, segment));
  const ended = playlist.includes("#EXT-X-ENDLIST") ? playlist : `${playlist.trimEnd()}\n#EXT-X-ENDLIST\n`;
  writeFileSync(join(copy, "index.m3u8"), ended);
  return join(copy, "index.m3u8");
}

/** The spec's conference, cancelled after it however it ended, so it never keeps every bridge point busy for the next spec. */
let conferenceId = "";
test.afterEach(async ({ browser }) => {
  if (!conferenceId) return;
  const staff = await participant(browser, "staff");
  const response = await staff.request.post(`/api/events/${conferenceId}/cancel`, { headers: fromSite(staff) });
  // 409: the spec's last step cancelled it already.
  expect([200, 409]).toContain(response.status());
  await staff.context().close();
});

test("segments recorded before the media server is killed are kept and playable, and the sweep still makes the material", async ({ browser }) => {
  test.setTimeout(240_000);
  expect(STORAGE_DIR, "playwright.config.ts gives the stack a media folder").not.toBe("");
  const host = await participant(browser, "staff");
  const title = `Ghi hình bị ngắt (e2e ${Date.now()})`;
  const conference = await scheduleConferenceNow(host, { title, allBridgePoints: true, record: true });
  conferenceId = conference.id;
  const admin = await participant(browser, "admin");
  await enterRoom(host, conference.path);
  await enterRoom(admin, conference.path);

  const before = await test.step("the recorder writes a few segments", async () => {
    let recordingId = "";
    await expect
      .poll(
        async () => {
          recordingId = (await recordingOfEvent(conference.id))?.recordingId ?? "";
          // The row exists before the recorder writes its first playlist.
          const playlist = recordingId ? recordingFiles(recordingId).livePlaylist : "";
          return playlist && existsSync(playlist) ? liveSegments(playlist).length : 0;
        },
        { timeout: 40_000, intervals: [1000], message: "four live segments listed" },
      )
      .toBeGreaterThanOrEqual(4);
    const playlist = recordingFiles(recordingId).livePlaylist;
    return { recordingId, segments: liveSegments(playlist), seconds: listedSeconds(playlist) };
  });

  const files = recordingFiles(before.recordingId);
  const atKill = await test.step("SIGKILL the media server, and everyone leaves before it is back", async () => {
    const { pid } = (await (await fetch(MEDIA_HEALTH_URL)).json()) as { pid?: number };
    expect(typeof pid, `the media server at ${MEDIA_HEALTH_URL} tells its pid`).toBe("number");
    process.kill(pid!, "SIGKILL");
    const snapshot = snapshotLivePlaylist(files.livePlaylist, test.info().outputPath("live-at-kill"));
    await admin.context().close();
    await host.context().close();
    return snapshot;
  });

  const live = await test.step("the segments listed before the kill are still listed and decode", async () => {
    expect(liveSegments(atKill).slice(0, before.segments.length)).toEqual(before.segments);
    // A SIGKILL can tear the packets being written (ffmpeg -xerror saw a corrupt packet once):
    // the segments must still play through, as they do in the player below.
    decodesToTheEnd(atKill);
    const seconds = probeDuration(atKill);
    expect(seconds).toBeGreaterThanOrEqual(before.seconds - 1);
    return seconds;
  });

  // playwright.config.ts makes 10 s of silence stale and sweeps every 5 s.
  const row = await test.step("the sweep finalizes the cut-off recording into a material", () => waitForFinishedMaterial(conference.id, 90_000));

  await test.step("the material keeps everything recorded before the kill and plays", async () => {
    // The recorder's folder is gone once the material is made: it is served from its renditions only.
    expect(existsSync(files.livePlaylist)).toBe(false);
    // Besides what was listed at the kill, the recorder may close the segment it was writing (up to -hls_time 2 s).
    for (const output of [files.sourcePlaylist, files.mp4]) {
      expect(probeDuration(output)).toBeGreaterThanOrEqual(live - 1);
      expect(probeDuration(output)).toBeLessThanOrEqual(live + 3);
    }
    const viewer = await participant(browser, "staff");
    await viewer.goto(`/hoc-lieu/${row.materialId}`);
    await expectPlaying(viewer, 1);
    await viewer.context().close();
  });
});

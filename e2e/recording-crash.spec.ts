import { existsSync, readFileSync } from "node:fs";
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
  return readFileSync(playlistFile, "utf8")
    .split("\n")
    .filter((line) => line.endsWith(".ts"));
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

  await test.step("SIGKILL the media server, and everyone leaves before it is back", async () => {
    const { pid } = (await (await fetch(MEDIA_HEALTH_URL)).json()) as { pid?: number };
    expect(typeof pid, `the media server at ${MEDIA_HEALTH_URL} tells its pid`).toBe("number");
    process.kill(pid!, "SIGKILL");
    await admin.context().close();
    await host.context().close();
  });

  const files = recordingFiles(before.recordingId);
  const live = await test.step("the segments listed before the kill are still listed and decode", async () => {
    const after = liveSegments(files.livePlaylist);
    expect(after.slice(0, before.segments.length)).toEqual(before.segments);
    // A SIGKILL can tear the packets being written (ffmpeg -xerror saw a corrupt packet once):
    // the segments must still play through, as they do in the player below.
    decodesToTheEnd(files.livePlaylist);
    const seconds = probeDuration(files.livePlaylist);
    expect(seconds).toBeGreaterThanOrEqual(before.seconds - 1);
    return seconds;
  });

  // playwright.config.ts makes 10 s of silence stale and sweeps every 5 s.
  const row = await test.step("the sweep finalizes the cut-off recording into a material", () => waitForFinishedMaterial(conference.id, 90_000));

  await test.step("the material keeps everything recorded before the kill and plays", async () => {
    // The recorder's folder is gone once the material is made: it is served from its renditions only.
    expect(existsSync(files.livePlaylist)).toBe(false);
    expect(Math.abs(probeDuration(files.sourcePlaylist) - live)).toBeLessThanOrEqual(1);
    expect(Math.abs(probeDuration(files.mp4) - live)).toBeLessThanOrEqual(1);
    const viewer = await participant(browser, "staff");
    await viewer.goto(`/hoc-lieu/${row.materialId}`);
    await expectPlaying(viewer, 1);
    await viewer.context().close();
  });
});

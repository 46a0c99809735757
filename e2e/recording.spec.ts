import { expect, test } from "@playwright/test";
import { scheduleConferenceNow } from "./conference-now";
import {
  enterRoom,
  expectPlaying,
  participant,
  probeDuration,
  probeStreamDuration,
  recordingFiles,
  recordingOfEvent,
  STORAGE_DIR,
  waitForFinishedMaterial,
} from "./recording-media";

/*
 * Recording to learning material on the real stack: a conference scheduled with recording (the
 * recorder starts when the host joins) runs ~20 s with two fake cameras, the host ends it, the
 * worker finalizes it, and the material page plays it in Chromium with hls.js.
 */

const MEETING_SECONDS = 20;

test("a recorded 20-second meeting becomes a material that plays, switches quality, and whose playlist and MP4 last as long as the recording", async ({ browser }) => {
  test.setTimeout(300_000);
  expect(STORAGE_DIR, "playwright.config.ts gives the stack a media folder").not.toBe("");
  const host = await participant(browser, "staff");
  const title = `Tập huấn ghi hình (e2e ${Date.now()})`;
  const conference = await scheduleConferenceNow(host, { title, allBridgePoints: true, record: true });
  const admin = await participant(browser, "admin");

  const recorded = await test.step("the host joins and the recorder starts; a second participant joins", async () => {
    await enterRoom(host, conference.path);
    await expect.poll(async () => (await recordingOfEvent(conference.id))?.status, { timeout: 20_000, message: "recording.started reaches web" }).toBe("RECORDING");
    const startedAt = Date.now();
    await enterRoom(admin, conference.path);
    await expect(host.getByTestId("participant")).toHaveCount(2);
    await expect(admin.getByTestId("recording-indicator")).toBeVisible();
    return { startedAt };
  });

  const meetingSeconds = await test.step(`the meeting runs ~${MEETING_SECONDS} s, then the host ends it for everyone`, async () => {
    await host.waitForTimeout(Math.max(0, recorded.startedAt + MEETING_SECONDS * 1000 - Date.now()));
    host.once("dialog", (dialog) => void dialog.accept());
    await host.getByRole("button", { name: "Kết thúc cho tất cả" }).click();
    const seconds = (Date.now() - recorded.startedAt) / 1000;
    await expect(admin.getByTestId("meeting-ended")).toBeVisible();
    return seconds;
  });

  const row = await test.step("the worker finalizes the recording into one material", () => waitForFinishedMaterial(conference.id, 120_000));

  await test.step("ffprobe: the playlist and the MP4 last as long as the recording, within 1 s", async () => {
    const files = recordingFiles(row.recordingId);
    const playlist = probeDuration(files.sourcePlaylist);
    const mp4 = probeDuration(files.mp4);
    const mp4Audio = probeStreamDuration(files.mp4, "audio");
    const mp4Video = probeStreamDuration(files.mp4, "video");
    test.info().annotations.push({
      type: "durations",
      description: `meeting ${meetingSeconds.toFixed(1)} s, recorder ${row.durationSec} s, playlist ${playlist.toFixed(2)} s, MP4 ${mp4.toFixed(2)} s (audio ${mp4Audio.toFixed(2)} s, video ${mp4Video.toFixed(2)} s)`,
    });
    console.log(`recording durations: playlist ${playlist} s, MP4 ${mp4} s, MP4 audio ${mp4Audio} s, MP4 video ${mp4Video} s`);
    // Audio that ends seconds before the video is the bug a restamping audio chain caused.
    expect(Math.abs(mp4Audio - mp4Video), `MP4 audio ${mp4Audio} s vs video ${mp4Video} s`).toBeLessThanOrEqual(1);
    expect(Math.abs(playlist - mp4), `playlist ${playlist} s vs MP4 ${mp4} s`).toBeLessThanOrEqual(1);
    expect(Math.abs(playlist - row.durationSec!), `playlist ${playlist} s vs recorded ${row.durationSec} s`).toBeLessThanOrEqual(1);
    // The program starts once ffmpeg has the first packets, a little after the recording row.
    expect(playlist).toBeGreaterThan(meetingSeconds - 5);
    expect(playlist).toBeLessThan(meetingSeconds + 1);
  });

  await test.step("the material page plays the HLS in Chromium and switches to 360p", async () => {
    await host.goto(`/hoc-lieu/${row.materialId}`);
    await expect(host.getByRole("heading", { name: title })).toBeVisible();
    await expectPlaying(host, 1);
    const quality = host.getByTestId("quality");
    await expect(quality.locator("option")).toHaveCount(3); // auto, source, 360p
    const low = await quality.locator("option", { hasText: "360p" }).getAttribute("value");
    await quality.selectOption(low!);
    const video = host.getByTestId("material-video");
    await expect(video).toHaveAttribute("data-level", low!, { timeout: 20_000 });
    const at = await video.evaluate((element: HTMLVideoElement) => element.currentTime);
    await expectPlaying(host, at + 1);
  });

  await test.step("the host trims it: only the window is served and played, and the download MP4 is cut to it", async () => {
    const full = probeDuration(recordingFiles(row.recordingId).mp4);
    const sourcePlaylist = `/media/${row.materialId}/hls/source/index.m3u8`;
    const segmentsServed = async () => (await (await host.request.get(sourcePlaylist)).text()).split("\n").filter((line) => line.endsWith(".ts"));
    const wholeSegments = await segmentsServed();
    await host.goto(`/hoc-lieu/${row.materialId}/sua`);
    await host.getByLabel("Cắt đầu (giây)").fill("4");
    await host.getByLabel("Cắt cuối tại (giây)").fill("12");
    await host.getByRole("button", { name: "Lưu" }).click();
    await host.waitForURL(`**/hoc-lieu/${row.materialId}`);
    // The player gets the window's segments only: a clip of at most 8 s that plays from its start.
    const windowSegments = await segmentsServed();
    expect(windowSegments.length).toBeLessThan(wholeSegments.length);
    expect(windowSegments).not.toContain(wholeSegments[0]);
    const cutAway = await host.request.get(`/media/${row.materialId}/hls/source/${wholeSegments[0]}`);
    expect(cutAway.status()).toBe(403);
    await expectPlaying(host, 0.5);
    const clipDuration = await host.getByTestId("material-video").evaluate((element: HTMLVideoElement) => element.duration);
    expect(clipDuration).toBeLessThanOrEqual(10.5);
    // The worker cuts the MP4 in a moment; until then the page says so instead of offering it.
    await expect
      .poll(async () => {
        await host.reload();
        return host.getByRole("link", { name: "Tải MP4" }).count();
      }, { timeout: 60_000, intervals: [1000], message: "the trimmed MP4 is offered again" })
      .toBe(1);
    const trimmed = probeDuration(recordingFiles(row.recordingId).mp4);
    console.log(`download MP4: ${full} s whole, ${trimmed} s trimmed to 4–12 s`);
    // It starts at the first segment starting at or after 4 s (segments are ~2 s) and ends at 12 s.
    expect(trimmed).toBeGreaterThan(5.5);
    expect(trimmed).toBeLessThanOrEqual(8.2);
  });

  await conference.cancel();
  await admin.context().close();
  await host.context().close();
});

import { expect, test, type Browser, type Page } from "@playwright/test";
import { scheduleConferenceNow } from "./conference-now";
import { fromSite, signIn, type TAccountName } from "./fixtures";
import { inboundMedia, observeInboundMedia } from "./inbound-media";

/*
 * Meetings against the real stack: media-server with a real mediasoup worker, Chromium with a
 * fake camera and microphone. Captures are 320×180 (?camera=) because software VP8 on this
 * 2-core machine is the costly part, and never more than three pages are open.
 */

const CAMERA = "camera=320x180@15";

async function participant(browser: Browser, account: TAccountName): Promise<Page> {
  const context = await browser.newContext();
  await observeInboundMedia(context);
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

/** The next conference Đông Hà is scheduled for, found from its home's "Tham gia" button. */
async function conferencePath(page: Page): Promise<string> {
  const join = page.getByRole("link", { name: "Tham gia" });
  await expect(join).toBeVisible();
  return (await join.getAttribute("href"))!;
}

async function enterRoom(page: Page, path: string): Promise<void> {
  await page.goto(`${path}?${CAMERA}`);
  await page.getByRole("button", { name: "Tham gia" }).click();
  await expect(page.getByTestId("toggle-mic")).toBeVisible({ timeout: 20_000 });
}

/** The signaling requests a page sends, by name, in the order it sends them. */
function recordSentRequests(page: Page): string[] {
  const names: string[] = [];
  page.on("websocket", (socket) =>
    socket.on("framesent", ({ payload }) => {
      const name = typeof payload === "string" ? /^42\d*\["([^"]+)"/.exec(payload)?.[1] : undefined;
      if (name) names.push(name);
    }),
  );
  return names;
}

/** Waits until this page decodes video (and receives audio) from `count` other peers. */
async function expectReceivingFrom(page: Page, count: number, source: "camera" | "screen" = "camera"): Promise<void> {
  await expect
    .poll(async () => new Set((await inboundMedia(page)).filter((s) => s.kind === "video" && s.source === source && s.framesDecoded > 0).map((s) => s.from)).size, {
      timeout: 30_000,
      message: `${source} video decoded from ${count} peer(s)`,
    })
    .toBeGreaterThanOrEqual(count);
  if (source === "camera") {
    await expect
      .poll(async () => new Set((await inboundMedia(page)).filter((s) => s.kind === "audio" && s.totalSamplesReceived > 0).map((s) => s.from)).size, {
        timeout: 30_000,
        message: `audio received from ${count} peer(s)`,
      })
      .toBeGreaterThanOrEqual(count);
  }
}

test.describe.configure({ mode: "serial" });

test("two participants see and hear each other; a bridge point answers the roll call; the host mutes all and shares the screen", async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await participant(browser, "staff");
  const conference = await scheduleConferenceNow(host, { title: "Giao ban trực tuyến (e2e)", allBridgePoints: true });
  const bridgePoint = await participant(browser, "bridgePoint");
  // The bridge point's home offers the conference that is about to start.
  expect(await conferencePath(bridgePoint)).toBe(conference.path);
  const { path } = conference;

  const admin = await participant(browser, "admin");
  const adminRequests = recordSentRequests(admin);
  await enterRoom(host, path);
  await enterRoom(admin, path);

  await test.step("each decodes the other's video and receives the other's audio", async () => {
    await expectReceivingFrom(host, 1);
    await expectReceivingFrom(admin, 1);
  });

  await test.step("a joining page asks for the participant list and its video slots only once it receives the room's media", async () => {
    // The server answers a socket's requests in order: asked earlier, they held back the join's own.
    const firstResume = adminRequests.indexOf("resumeConsumer");
    expect(firstResume, adminRequests.join(", ")).toBeGreaterThan(adminRequests.indexOf("join"));
    for (const waits of ["listPeers", "setVideoSlots"]) {
      const at = adminRequests.indexOf(waits);
      if (at >= 0) expect(at, adminRequests.join(", ")).toBeGreaterThan(firstResume);
    }
    expect(adminRequests).toContain("listPeers");
  });

  await test.step("a bridge point joins on its big screen and answers the roll call", async () => {
    await enterRoom(bridgePoint, path);
    await expect(bridgePoint.getByText("Điểm cầu Phòng GD&ĐT Đông Hà — thành phố Đông Hà")).toBeVisible();
    await expect(host.getByTestId("participant")).toHaveCount(3);

    await host.getByRole("tab", { name: "Điểm danh" }).click();
    await host.getByRole("button", { name: "Bắt đầu điểm danh" }).click();
    const dongHa = host.getByTestId("roll-call-entry").filter({ hasText: "Đông Hà" });
    await expect(dongHa).toHaveAttribute("data-status", "PENDING");
    await expect(host.getByTestId("roll-call-entry")).toHaveCount(9);

    await bridgePoint.getByRole("button", { name: "Có mặt" }).click();
    await expect(dongHa).toHaveAttribute("data-status", "PRESENT");
    await expect(bridgePoint.getByText("Đã điểm danh: Có mặt.")).toBeVisible();

    await host.getByRole("button", { name: "Kết thúc điểm danh" }).click();
    await expect(host.getByTestId("roll-call-entry").filter({ hasText: "Hải Lăng" })).toHaveAttribute("data-status", "ABSENT");
  });

  await test.step("the host mutes everyone", async () => {
    await expect(admin.getByTestId("toggle-mic")).toHaveAttribute("aria-pressed", "true");
    await host.getByRole("button", { name: "Tắt micro tất cả" }).click();
    for (const page of [admin, bridgePoint]) {
      await expect(page.getByTestId("toggle-mic")).toHaveAttribute("aria-pressed", "false");
      await expect(page.getByText("Chủ trì đã tắt micro của bạn.", { exact: false })).toBeVisible();
    }
    // The host's own microphone stays on.
    await expect(host.getByTestId("toggle-mic")).toHaveAttribute("aria-pressed", "true");
  });

  await test.step("the host's screen share reaches the others", async () => {
    await host.getByRole("button", { name: "Chia sẻ màn hình" }).click();
    await expect(host.getByRole("button", { name: "Dừng chia sẻ" })).toBeVisible();
    await expectReceivingFrom(admin, 1, "screen");
    await expectReceivingFrom(bridgePoint, 1, "screen");
    // On the big screen the share is the large picture.
    await expect(bridgePoint.locator(".stage__main [data-testid=tile-screen]")).toBeVisible();
  });

  for (const page of [admin, bridgePoint]) await page.context().close();
  await conference.cancel();
  await host.context().close();
});

test("a student with a staff meeting's link is refused with the reason", async ({ browser }) => {
  const bridgePoint = await participant(browser, "bridgePoint");
  const path = await conferencePath(bridgePoint);
  await bridgePoint.context().close();

  const student = await participant(browser, "student");
  await student.goto(path);
  const refusal = student.getByTestId("meeting-refused");
  await expect(refusal).toContainText("Bạn không có trong danh sách tham dự cuộc họp này.");
  await expect(refusal).toHaveAttribute("data-code", "MEETING_NOT_INVITED");

  const response = await student.request.post(`/api/meetings/${path.split("/").pop()}/token`, { data: {}, headers: fromSite(student) });
  expect(response.status()).toBe(403);
  expect(await response.json()).toEqual({
    error: { code: "MEETING_NOT_INVITED", message: "Bạn không có trong danh sách tham dự cuộc họp này." },
  });
  await student.context().close();
});

test("days before a conference its room stays closed to participants, saying when it opens; the host may enter to prepare", async ({ browser }) => {
  const bridgePoint = await participant(browser, "bridgePoint");
  // The seed's conference, two days ahead at 08:00.
  const path = await conferencePath(bridgePoint);
  await bridgePoint.goto(path);
  const refusal = bridgePoint.getByTestId("meeting-refused");
  await expect(refusal).toHaveAttribute("data-code", "MEETING_NOT_OPEN");
  await expect(refusal).toContainText("Phòng họp mở lúc 08:00");
  await expect(refusal).toContainText("Phòng chờ mở trước 15 phút, lúc 07:45.");
  const response = await bridgePoint.request.post(`/api/meetings/${path.split("/").pop()}/token`, { data: {}, headers: fromSite(bridgePoint) });
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("MEETING_NOT_OPEN");
  await bridgePoint.context().close();

  const host = await participant(browser, "staff");
  await host.goto(`${path}?${CAMERA}`);
  await expect(host.getByRole("button", { name: "Tham gia" })).toBeVisible();
  await host.context().close();
});

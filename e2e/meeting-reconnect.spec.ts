import { expect, test, type Browser, type Page } from "@playwright/test";
import { scheduleConferenceNow } from "./conference-now";
import { signIn, type TAccountName } from "./fixtures";
import { inboundMedia, observeInboundMedia } from "./inbound-media";

/*
 * A media-server crash in the middle of a meeting: the process is SIGKILLed, the supervisor
 * (scripts/start.ts) starts it again, and both participants reconnect and publish again by
 * themselves, telling the person what is happening meanwhile. 320×180 captures, two pages.
 */

const CAMERA = "camera=320x180@15";
const MEDIA_HEALTH_URL = `http://localhost:${process.env.E2E_MEDIA_SERVER_PORT ?? 3101}/health`;

async function participant(browser: Browser, account: TAccountName): Promise<Page> {
  const context = await browser.newContext();
  await observeInboundMedia(context);
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

async function mediaServerPid(): Promise<number | null> {
  const response = await fetch(MEDIA_HEALTH_URL).catch(() => null);
  if (!response?.ok) return null;
  const { pid } = (await response.json()) as { pid?: unknown };
  return typeof pid === "number" ? pid : null;
}

/** Frames of the other participant's camera decoded on the current connection. */
async function framesDecoded(page: Page): Promise<number> {
  const stats = await inboundMedia(page);
  return stats.filter((s) => s.kind === "video").reduce((sum, s) => sum + s.framesDecoded, 0);
}

async function expectDecodingGrows(page: Page): Promise<void> {
  await expect.poll(() => framesDecoded(page), { timeout: 30_000, message: "remote video decoded" }).toBeGreaterThan(0);
  const before = await framesDecoded(page);
  await expect.poll(() => framesDecoded(page), { timeout: 10_000, message: "remote video keeps being decoded" }).toBeGreaterThan(before);
}

test("after the media server is killed and restarted, both participants reconnect and see each other again", async ({ browser }) => {
  test.setTimeout(150_000);
  const host = await participant(browser, "staff");
  const conference = await scheduleConferenceNow(host, { title: "Họp thử mất kết nối (e2e)", allBridgePoints: true });
  const admin = await participant(browser, "admin");
  try {
    for (const page of [host, admin]) {
      await page.goto(`${conference.path}?${CAMERA}`);
      await page.getByRole("button", { name: "Tham gia" }).click();
      await expect(page.locator(".meeting")).toHaveAttribute("data-status", "joined", { timeout: 20_000 });
    }
    for (const page of [host, admin]) await expectDecodingGrows(page);

    const pid = await mediaServerPid();
    expect(pid, `the media server at ${MEDIA_HEALTH_URL} tells its pid`).not.toBeNull();
    process.kill(pid!, "SIGKILL");

    await test.step("each page says it is reconnecting, in Vietnamese", async () => {
      for (const page of [host, admin]) {
        await expect(page.getByTestId("reconnecting")).toContainText("Mất kết nối tới máy chủ họp. Đang kết nối lại…");
      }
    });

    await test.step("the supervisor starts a new media server", async () => {
      await expect.poll(mediaServerPid, { timeout: 60_000 }).not.toBeNull();
      expect(await mediaServerPid()).not.toBe(pid);
    });

    await test.step("both rejoin, publish again and decode each other's video", async () => {
      for (const page of [host, admin]) {
        await expect(page.locator(".meeting")).toHaveAttribute("data-status", "joined", { timeout: 60_000 });
        await expect(page.getByTestId("reconnecting")).toHaveCount(0);
      }
      for (const page of [host, admin]) await expectDecodingGrows(page);
      await expect(host.getByTestId("participant")).toHaveCount(2);
    });
  } finally {
    await admin.context().close();
    await conference.cancel();
    await host.context().close();
  }
});

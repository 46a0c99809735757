import { existsSync, readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { scheduleConferenceNow } from "./conference-now";
import { signIn } from "./fixtures";
import { enterRoom } from "./recording-media";

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/** Every URL the page asks the browser for: documents, scripts, fetches, media, WebSockets. */
function recordRequests(page: Page, urls: Set<string>): void {
  page.on("request", (request) => void urls.add(request.url()));
  page.on("websocket", (socket) => void urls.add(socket.url()));
}

/**
 * The suite runs in a network with no internet: through a sign-in and a meeting, neither the
 * stack's processes (every attempt logged by e2e/outbound/node-preload.mjs, for the whole run)
 * nor the pages it serves (every request they make) try to reach any machine but this one.
 * Chromium's own background calls to Google are not the suite's: e2e/chromium.ts turns them off
 * and resolves no name but localhost.
 */
test("a sign-in and a meeting reach nothing but this machine", async ({ browser }) => {
  test.setTimeout(120_000);
  const urls = new Set<string>();
  const staff = await browser.newContext().then((c) => c.newPage());
  await signIn(staff, "staff");
  const conference = await scheduleConferenceNow(staff, { title: "Hội nghị kiểm tra kết nối ra ngoài", allBridgePoints: true });
  const host = await browser.newContext().then((c) => c.newPage());
  const guest = await browser.newContext().then((c) => c.newPage());
  for (const page of [host, guest]) recordRequests(page, urls);
  await signIn(host, "staff");
  await signIn(guest, "admin");
  await enterRoom(host, conference.path);
  await enterRoom(guest, conference.path);
  await expect(host.getByTestId("participant")).toHaveCount(2);
  await conference.cancel();
  for (const page of [staff, host, guest]) await page.context().close();

  const remote = [...urls].filter((url) => /^(https?|wss?):/.test(url) && !LOCAL_HOST.test(new URL(url).host));
  expect(urls.size, "the pages made requests").toBeGreaterThan(10);
  expect(remote, "URLs the pages asked for on other machines").toEqual([]);
  const nodeLog = process.env.E2E_OUTBOUND_LOG!;
  expect(existsSync(nodeLog), "the stack's processes load e2e/outbound/node-preload.mjs").toBe(true);
  const attempts = readFileSync(nodeLog, "utf8").trim().split("\n").filter(Boolean);
  expect(attempts, "outbound attempts of web, media-server and worker").toEqual([]);
});

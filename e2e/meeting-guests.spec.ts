import { expect, test } from "@playwright/test";
import { scheduleConferenceNow } from "./conference-now";
import { fromSite, signIn } from "./fixtures";

const CAMERA = "camera=320x180@15";

/*
 * A guest with an invite link, on the real stack: the guest's identity is a signed HttpOnly cookie,
 * a removal by the host keeps that guest out even with a fresh cookie, and the host revokes links.
 */
test("a guest removed by the host stays out, even with a new guest id; a revoked link admits nobody", async ({ browser }) => {
  const host = await (await browser.newContext()).newPage();
  await signIn(host, "staff");
  const meeting = await scheduleConferenceNow(host, { title: "Họp có khách mời", allBridgePoints: true });

  await host.goto(`${meeting.path}?${CAMERA}`);
  await host.getByRole("button", { name: "Tham gia" }).click();
  await host.getByRole("button", { name: "Mời khách" }).click();
  const inviteUrl = await host.getByRole("textbox", { name: "Mời khách" }).inputValue();
  expect(inviteUrl).toContain("moi=");

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(`${inviteUrl}&${CAMERA}`);
  await guest.getByLabel("Họ và tên của bạn").fill("Nguyễn Văn Khách");
  await guest.getByRole("button", { name: "Tham gia" }).click();
  await expect(guest.getByTestId("toggle-mic")).toBeVisible({ timeout: 20_000 });
  const cookie = (await guestContext.cookies()).find((c) => c.name === "diemcau_guest")!;
  expect(cookie).toMatchObject({ httpOnly: true });
  expect(cookie.value).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);

  const guestRow = host.getByTestId("participant").filter({ hasText: "Nguyễn Văn Khách" });
  host.once("dialog", (dialog) => void dialog.accept());
  await guestRow.getByRole("button", { name: "Mời ra" }).click();
  await expect(guest.getByTestId("meeting-ended")).toBeVisible({ timeout: 15_000 });

  const token = (page = guest) =>
    page.request.post(`/api/meetings/${meeting.id}/token`, {
      headers: fromSite(page),
      data: { invite: new URL(inviteUrl).searchParams.get("moi"), guestName: "Nguyễn Văn Khách" },
    });
  // media-server reports the removal to web; from then on this guest gets no token.
  await expect.poll(async () => ((await (await token()).json()) as { error?: { code: string } }).error?.code, { timeout: 15_000 }).toBe("MEETING_REMOVED");
  // A bare cookie value is no identity, and a new one is a newcomer the closed link refuses.
  await guestContext.clearCookies();
  await guestContext.addCookies([{ ...cookie, value: cookie.value.split(".")[0]! }]);
  expect(((await (await token()).json()) as { error: { code: string } }).error.code).toBe("MEETING_INVITE_CLOSED");

  // A new link admits a new guest; once revoked, nobody.
  await host.getByRole("button", { name: "Mời khách" }).click();
  await expect(host.getByRole("textbox", { name: "Mời khách" })).not.toHaveValue(inviteUrl);
  const secondUrl = await host.getByRole("textbox", { name: "Mời khách" }).inputValue();
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto("/");
  const ask = () =>
    newcomer.request.post(`/api/meetings/${meeting.id}/token`, {
      headers: fromSite(newcomer),
      data: { invite: new URL(secondUrl).searchParams.get("moi"), guestName: "Khách mới" },
    });
  expect((await ask()).status()).toBe(200);
  const openInvites = host.getByTestId("open-invites").getByRole("listitem");
  await expect(openInvites).toHaveCount(2);
  await openInvites.first().getByRole("button", { name: "Thu hồi" }).click();
  await expect(openInvites).toHaveCount(1);
  expect(((await (await ask()).json()) as { error: { code: string } }).error.code).toBe("MEETING_INVITE_REVOKED");

  await meeting.cancel();
});

import { DEMO_PASSWORD } from "@diemcau/db";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium, headless, with a fake camera and microphone and no calls to Google's hosts. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

/** Signs a page in with one of the seed's demo accounts, through the sign-in form. */
export async function signInPage(page: Page, baseUrl: string, email: string, timeoutMs = 20_000): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/dang-nhap"), { timeout: timeoutMs });
}

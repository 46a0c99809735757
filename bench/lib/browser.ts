import { DEMO_PASSWORD } from "@diemcau/db";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../e2e/chromium";

/** Debian's Chromium, headless, as the end-to-end specs start it (fake camera and microphone). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Signs a page in with one of the seed's demo accounts, through the sign-in form. */
export async function signInPage(page: Page, baseUrl: string, email: string, timeoutMs = 20_000): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/dang-nhap"), { timeout: timeoutMs });
}

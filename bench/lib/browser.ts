import { chromium, type Browser, type Page } from "playwright-core";
import { CHANGE_PASSWORD_PATH, CHOSEN_PASSWORD, DEMO_PASSWORD } from "../../e2e/accounts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../e2e/chromium";

/** Debian's Chromium, headless, as the end-to-end specs start it (fake camera and microphone). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Demo accounts of this process's stack that have chosen CHOSEN_PASSWORD already. */
const chosen = new Set<string>();

/**
 * Signs a page in with one of the seed's demo accounts, through the sign-in form; the account's
 * first sign-in on a fresh stack goes through the forced password change, as a user's would.
 */
export async function signInPage(page: Page, baseUrl: string, email: string, timeoutMs = 20_000): Promise<void> {
  const key = `${baseUrl}|${email}`;
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(chosen.has(key) ? CHOSEN_PASSWORD : DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/dang-nhap"), { timeout: timeoutMs });
  if (new URL(page.url()).pathname !== CHANGE_PASSWORD_PATH) return;
  await page.getByLabel("Mật khẩu hiện tại").fill(DEMO_PASSWORD);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(CHOSEN_PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(CHOSEN_PASSWORD);
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await page.waitForURL((url) => url.pathname === "/tai-khoan", { timeout: timeoutMs });
  chosen.add(key);
}

import { expect, type Page } from "@playwright/test";
import { ACCOUNTS, CHANGE_PASSWORD_PATH, CHOSEN_PASSWORD, DEMO_PASSWORD, type TAccountName } from "./accounts";

export { ACCOUNTS, CHOSEN_PASSWORD, DEMO_PASSWORD, type TAccountName } from "./accounts";

/** Fills the Vietnamese sign-in form and submits it; does not wait for any particular outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/dang-nhap");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** Fills the change-password form (the forced one after a seeded password, or the voluntary one). */
export async function submitNewPassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel("Mật khẩu hiện tại").fill(current);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(next);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(next);
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
}

/**
 * A demo account's first sign-in on a fresh stack: the seeded password leads to the forced
 * change, where it chooses CHOSEN_PASSWORD, and then to its home page.
 */
export async function signInFirstTime(page: Page, account: TAccountName): Promise<void> {
  const { email, home } = ACCOUNTS[account];
  await submitSignIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${CHANGE_PASSWORD_PATH}$`));
  await submitNewPassword(page, DEMO_PASSWORD, CHOSEN_PASSWORD);
  await expect(page.getByTestId("password-changed")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`${home}$`));
}

/** Signs in as a demo account (whose first sign-in the setup project did) and waits for its home page. */
export async function signIn(page: Page, account: TAccountName): Promise<void> {
  const { email, home } = ACCOUNTS[account];
  await submitSignIn(page, email, CHOSEN_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${home}$`));
}

/**
 * Headers that make a request from Playwright's API client look like one from the app's own
 * pages: state-changing routes refuse requests whose Origin is not the site's (apps/web/proxy.ts).
 */
export function fromSite(page: Page): { origin: string } {
  return { origin: new URL(page.url()).origin };
}

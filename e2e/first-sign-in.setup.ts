import { expect, test } from "@playwright/test";
import { ACCOUNTS, CHANGE_PASSWORD_PATH, DEMO_PASSWORD, type TAccountName } from "./accounts";
import { signInFirstTime, submitNewPassword, submitSignIn } from "./fixtures";

// Runs before every other spec (the "setup" project): each demo account signs in for the first
// time and must choose a new password, which the other specs then sign in with.

test("a demo account with the seeded password can do nothing before it chooses a new one", async ({ page }) => {
  await submitSignIn(page, ACCOUNTS.student.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${CHANGE_PASSWORD_PATH}$`));
  await expect(page.getByTestId("password-required")).toBeVisible();
  await expect(page.getByTestId("demo-badge")).toHaveText("Tài khoản mẫu");

  // Pages lead back to the change; APIs refuse.
  await page.goto(ACCOUNTS.student.home);
  await expect(page).toHaveURL(new RegExp(`${CHANGE_PASSWORD_PATH}$`));
  const api = await page.request.get("/api/events?from=2030-01-01T00:00:00Z&to=2030-01-08T00:00:00Z");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("PASSWORD_CHANGE_REQUIRED");

  // The published demo password and a common one are refused.
  await submitNewPassword(page, DEMO_PASSWORD, DEMO_PASSWORD);
  await expect(page.locator("form [role=alert]")).toHaveText("Mật khẩu mới phải khác mật khẩu hiện tại.");
  await submitNewPassword(page, DEMO_PASSWORD, "password123456");
  await expect(page.locator("form [role=alert]")).toContainText("Mật khẩu quá dễ đoán");
});

for (const name of Object.keys(ACCOUNTS) as TAccountName[]) {
  test(`${ACCOUNTS[name].email} chooses a new password at its first sign-in`, async ({ page }) => {
    await signInFirstTime(page, name);
  });
}

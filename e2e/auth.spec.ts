import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn, submitSignIn, type TAccountName } from "./fixtures";

const ROLE_LABELS: Record<string, string> = {
  ADMIN: "Quản trị viên",
  STAFF: "Cán bộ Sở",
  TEACHER: "Giáo viên",
  STUDENT: "Học sinh",
  BRIDGE_POINT: "Điểm cầu",
};

test.describe("sign-in", () => {
  for (const name of Object.keys(ACCOUNTS) as TAccountName[]) {
    const account = ACCOUNTS[name];
    test(`${account.email} lands on ${account.home}`, async ({ page }) => {
      await signIn(page, name);
      await expect(page.getByRole("banner").getByTestId("user-role")).toHaveText(ROLE_LABELS[account.role]!);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "vi");

      // "/" sends a signed-in user back to the same home.
      await page.goto("/");
      await expect(page).toHaveURL(new RegExp(`${account.home}$`));
    });
  }

  test("the staff home lists the nine bridge points", async ({ page }) => {
    await signIn(page, "staff");
    const table = page.getByRole("region", { name: /Các điểm cầu/ }).getByRole("table");
    await expect(table.getByRole("rowheader")).toHaveCount(9);
    await expect(table).toContainText("Đông Hà");
  });

  test("a wrong password shows the Vietnamese message and stays on the sign-in page", async ({ page }) => {
    await submitSignIn(page, ACCOUNTS.student.email, "sai-mat-khau");
    // The form's own live region (Next adds a route announcer with role=alert too).
    await expect(page.locator("form [role=alert]")).toHaveText("Email hoặc mật khẩu không đúng.");
    await expect(page).toHaveURL(/\/dang-nhap$/);
  });

  test("five wrong passwords lock the email for 15 minutes", async ({ page }) => {
    // A fresh email each run: the lock is per email and address and would outlive this test.
    const email = `khoa-${Date.now()}@diemcau.local`;
    const error = page.locator("form [role=alert]");
    for (let attempt = 1; attempt <= 4; attempt++) {
      await submitSignIn(page, email, "sai-mat-khau");
      await expect(error).toHaveText("Email hoặc mật khẩu không đúng.");
    }
    await submitSignIn(page, email, "sai-mat-khau");
    await expect(error).toHaveText("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.");
  });

  test("signing out returns to the sign-in page", async ({ page }) => {
    await signIn(page, "teacher");
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/dang-nhap$/);
    await page.goto("/giao-vien");
    await expect(page).toHaveURL(/\/dang-nhap$/);
  });

  test("the language switch turns the shell into English and back", async ({ page }) => {
    await signIn(page, "teacher");
    await page.getByRole("button", { name: "EN" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.getByRole("button", { name: "VI" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  });
});

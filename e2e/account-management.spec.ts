import { expect, test, type Browser, type Page } from "@playwright/test";
import { fromSite, signIn, submitNewPassword, submitSignIn } from "./fixtures";

const TEMPORARY = "đèo Lao Bảo mùa gió Lào";
const CHOSEN = "sông Thạch Hãn chảy về biển Cửa Việt";

/** A fresh browser for the new account, so its session is its own. */
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test.describe("account management", () => {
  test("an administrator creates a teacher with a temporary password, and the teacher's first sign-in must change it", async ({ page, browser }) => {
    const email = `gv.moi.${Date.now()}@truong.edu.vn`;
    await signIn(page, "admin");
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Quản lý tài khoản" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quản lý tài khoản");
    await page.getByRole("link", { name: "Tạo tài khoản" }).click();

    await page.getByLabel("Họ và tên").fill("Trần Thị Thủy Tiên");
    await page.getByLabel("Email (tên đăng nhập)").fill(email);
    await page.getByLabel("Vai trò").selectOption({ label: "Giáo viên" });
    await page.getByLabel("Huyện, thị xã, thành phố").selectOption({ label: "thành phố Đông Hà" });
    await page.getByLabel("Trường, đơn vị").fill("Trường THCS Nguyễn Trãi");
    await page.getByLabel("Đặt mật khẩu tạm; người dùng phải đổi khi đăng nhập lần đầu").check();
    await page.getByLabel("Mật khẩu tạm", { exact: true }).fill(TEMPORARY);
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page.getByTestId("account-created")).toContainText(`Đã tạo tài khoản ${email}.`);

    // The list finds her typed without diacritics, marked as having to change her password.
    await page.goto(`/quan-tri/tai-khoan?q=${encodeURIComponent("tran thi thuy tien")}`);
    const row = page.getByTestId("accounts").getByRole("row", { name: /Trần Thị Thủy Tiên/ });
    await expect(row).toContainText(email);
    await expect(row).toContainText("Chưa đổi mật khẩu");

    const teacher = await newPage(browser);
    await submitSignIn(teacher, email, TEMPORARY);
    await expect(teacher).toHaveURL(/\/tai-khoan\/mat-khau$/);
    await expect(teacher.getByTestId("password-required")).toBeVisible();
    await teacher.goto("/giao-vien");
    await expect(teacher).toHaveURL(/\/tai-khoan\/mat-khau$/);
    await submitNewPassword(teacher, TEMPORARY, CHOSEN);
    await expect(teacher.getByTestId("password-changed")).toBeVisible();
    await teacher.goto("/");
    await expect(teacher).toHaveURL(/\/giao-vien$/);
    await teacher.context().close();

    // The audit log names who created her.
    await page.goto("/quan-tri/nhat-ky");
    const entry = page.getByTestId("audit-log").getByRole("row").filter({ hasText: "Trần Thị Thủy Tiên" }).filter({ hasText: "Tạo tài khoản" });
    await expect(entry).toContainText("Nguyễn Văn An");
  });

  test("an administrator disables an account and its open session is refused at its next request", async ({ page, browser }) => {
    const email = `hs.khoa.${Date.now()}@hs.example.vn`;
    await signIn(page, "admin");
    const created = await page.request.post("/api/accounts", {
      headers: fromSite(page),
      data: { name: "Lê Văn Khóa", email, role: "STUDENT", password: { kind: "temporary", password: TEMPORARY } },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const student = await newPage(browser);
    await submitSignIn(student, email, TEMPORARY);
    await submitNewPassword(student, TEMPORARY, CHOSEN);
    await expect(student.getByTestId("password-changed")).toBeVisible();
    await student.goto("/hoc-sinh");
    await expect(student).toHaveURL(/\/hoc-sinh$/);

    await page.goto(`/quan-tri/tai-khoan/${id}`);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Khóa tài khoản" }).click();
    await expect(page.getByTestId("account-status")).toHaveText("Đã khóa");

    // The same browser, the same cookie: the next page and the next API call are refused.
    const api = await student.request.get("/api/events?from=2030-01-01T00:00:00Z&to=2030-01-08T00:00:00Z");
    expect(api.status()).toBe(401);
    await student.reload();
    await expect(student).toHaveURL(/\/dang-nhap/);
    await submitSignIn(student, email, CHOSEN);
    await expect(student.locator("form [role=alert]")).not.toBeEmpty();
    await expect(student).toHaveURL(/\/dang-nhap/);
    await student.context().close();
  });
});

import { expect, type Page } from "@playwright/test";

/** The seed's demo password, shared by every demo account. */
export const DEMO_PASSWORD = "DiemCau@2026";

/** The seed's demo accounts, one per role, and where each lands after signing in. */
export const ACCOUNTS = {
  admin: { email: "admin@diemcau.local", role: "ADMIN", home: "/quan-tri" },
  staff: { email: "canbo@diemcau.local", role: "STAFF", home: "/can-bo" },
  teacher: { email: "gv.lan@diemcau.local", role: "TEACHER", home: "/giao-vien" },
  student: { email: "hs.minh@diemcau.local", role: "STUDENT", home: "/hoc-sinh" },
  bridgePoint: { email: "dongha@diemcau.local", role: "BRIDGE_POINT", home: "/diem-cau" },
} as const;
export type TAccountName = keyof typeof ACCOUNTS;

/** Fills the Vietnamese sign-in form and submits it; does not wait for any particular outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/dang-nhap");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** Signs in as a demo account and waits until its role's home page has loaded. */
export async function signIn(page: Page, account: TAccountName): Promise<void> {
  const { email, home } = ACCOUNTS[account];
  await submitSignIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${home}$`));
}

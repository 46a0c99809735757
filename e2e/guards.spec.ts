import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test.describe("guards", () => {
  test("a student gets 403 on the staff page", async ({ page }) => {
    await signIn(page, "student");
    const response = await page.goto("/can-bo/diem-cau");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Không có quyền truy cập (403)" })).toBeVisible();
  });

  test("a student gets 403 JSON from the staff API", async ({ page }) => {
    await signIn(page, "student");
    const response = await page.request.get("/api/bridge-points");
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: "FORBIDDEN", message: "Bạn không có quyền truy cập chức năng này." },
    });
  });

  test("staff can read the staff page and API", async ({ page }) => {
    await signIn(page, "staff");
    expect((await page.goto("/can-bo/diem-cau"))?.status()).toBe(200);
    const response = await page.request.get("/api/bridge-points");
    expect(response.status()).toBe(200);
    expect((await response.json()).bridgePoints).toHaveLength(9);
  });

  test("an anonymous visitor is sent to sign-in, and the API answers 401", async ({ page }) => {
    await page.goto("/can-bo/diem-cau");
    await expect(page).toHaveURL(/\/dang-nhap$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/dang-nhap$/);
    const response = await page.request.get("/api/bridge-points");
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe("AUTH_REQUIRED");
  });
});

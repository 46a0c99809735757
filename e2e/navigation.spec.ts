import { expect, test, type Request } from "@playwright/test";
import { signIn } from "./fixtures";

/** A request Next.js makes to prefetch a page it shows a link to. */
const isPrefetch = (request: Request) => request.headers()["next-router-prefetch"] !== undefined;

test("pages do not prefetch the pages they link to, and their links still navigate", async ({ page }) => {
  await signIn(page, "staff");
  const prefetches: string[] = [];
  page.on("request", (request) => {
    if (isPrefetch(request)) prefetches.push(request.url());
  });
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  // A link in view is prefetched once the page is idle, a hovered one at once.
  await nav.getByRole("link", { name: "Học liệu" }).hover();
  await nav.getByRole("link", { name: "Lịch" }).hover();
  await page.waitForLoadState("networkidle");
  expect(prefetches).toEqual([]);

  await nav.getByRole("link", { name: "Học liệu" }).click();
  await expect(page).toHaveURL(/\/hoc-lieu$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { fromSite, signIn } from "./fixtures";

test.describe("security headers and cross-site requests", () => {
  test("a page carries a nonce CSP that blocks injected inline script, and refuses to be framed", async ({ page }) => {
    const response = await page.goto("/dang-nhap");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY" });
    // The page's own scripts run (the form works); markup injected with an inline handler does not.
    const blocked = await page.evaluate(async () => {
      document.body.insertAdjacentHTML("beforeend", '<img src="/khong-co-anh.png" onerror="window.__injected = true">');
      await new Promise((resolve) => setTimeout(resolve, 500));
      return !(window as unknown as { __injected?: boolean }).__injected;
    });
    expect(blocked).toBe(true);
    await signIn(page, "teacher");
  });

  test("an HTML form on another site cannot change anything for a signed-in user", async ({ page, context }) => {
    await signIn(page, "staff");
    const origin = new URL(page.url()).origin;
    // A page of another origin that posts to the app with the user's cookies, as a CSRF attack would.
    const evil: Server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end(
        `<form id="f" method="POST" action="${origin}/api/events/notifications/read" enctype="text/plain"><input name="x" value="1"></form>
         <script>document.getElementById("f").submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    try {
      const attack = await context.newPage();
      const answered = attack.waitForResponse((r) => r.url().includes("/api/events/notifications/read"));
      await attack.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      const response = await answered;
      expect(response.status()).toBe(403);
      expect((await response.json()).error.code).toBe("CROSS_SITE_REQUEST");
    } finally {
      evil.close();
    }
  });

  test("JSON routes take only application/json bodies", async ({ page }) => {
    await signIn(page, "staff");
    const response = await page.request.post("/api/events", { headers: { ...fromSite(page), "content-type": "text/plain" }, data: "{}" });
    expect(response.status()).toBe(415);
    expect((await response.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  test("/api/health tells anonymous visitors up or down only, and staff the details", async ({ page }) => {
    const anonymous = await page.request.get("/api/health");
    expect(await anonymous.json()).toEqual({ ok: true });
    await signIn(page, "staff");
    expect(await (await page.request.get("/api/health")).json()).toMatchObject({ ok: true, database: { ok: true }, worker: { ok: true } });
  });
});

import { hashPassword } from "@diemcau/db/password";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { authorizeCredentials } from "./authorize-credentials";
import { ADDRESS_MAX_FAILURES, MAX_FAILURES } from "./login-throttle";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.db.user.create({
    data: {
      email: "gv.lan@diemcau.local",
      name: "Trần Thị Lan",
      role: "TEACHER",
      passwordHash: await hashPassword("DiemCau@2026"),
    },
  });
});
afterAll(async () => {
  await testDb?.drop();
});

describe("authorizeCredentials()", () => {
  it("returns the session user for the right password, whatever the email's case", async () => {
    const user = await authorizeCredentials(testDb.db, { email: " GV.Lan@diemcau.local", password: "DiemCau@2026" }, "10.1.0.1");
    expect(user).toMatchObject({ email: "gv.lan@diemcau.local", name: "Trần Thị Lan", role: "TEACHER", bridgePointId: null, locale: "vi" });
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("rejects a wrong password, an unknown email and malformed input with the same code", async () => {
    for (const input of [
      { email: "gv.lan@diemcau.local", password: "sai" },
      { email: "ai-do@diemcau.local", password: "DiemCau@2026" },
      { email: "not-an-email", password: "x" },
      null,
    ]) {
      await expect(authorizeCredentials(testDb.db, input, "10.1.0.2")).rejects.toMatchObject({ code: "AUTH_INVALID_CREDENTIALS" });
    }
  });

  it("locks after five failures, even against the right password, with the minutes left", async () => {
    const ip = "10.1.0.3";
    for (let i = 1; i < MAX_FAILURES; i++) {
      await expect(authorizeCredentials(testDb.db, { email: "gv.lan@diemcau.local", password: "sai" }, ip)).rejects.toMatchObject({
        code: "AUTH_INVALID_CREDENTIALS",
      });
    }
    await expect(authorizeCredentials(testDb.db, { email: "gv.lan@diemcau.local", password: "sai" }, ip)).rejects.toMatchObject({
      code: "AUTH_LOCKED",
      message: "AUTH_LOCKED:15",
    });
    await expect(
      authorizeCredentials(testDb.db, { email: "gv.lan@diemcau.local", password: "DiemCau@2026" }, ip),
    ).rejects.toMatchObject({ code: "AUTH_LOCKED" });
    // Another address is not affected.
    await expect(authorizeCredentials(testDb.db, { email: "gv.lan@diemcau.local", password: "DiemCau@2026" }, "10.1.0.4")).resolves.toMatchObject({
      role: "TEACHER",
    });
  });
});

describe("authorizeCredentials() and disabled accounts", () => {
  it("refuses a disabled account only after the right password, so a guesser learns nothing", async () => {
    await testDb.db.user.create({
      data: { email: "gv.nghi@diemcau.local", name: "Giáo viên đã nghỉ", role: "TEACHER", passwordHash: await hashPassword("DiemCau@2026"), disabledAt: new Date() },
    });
    await expect(authorizeCredentials(testDb.db, { email: "gv.nghi@diemcau.local", password: "sai" }, "10.1.0.5")).rejects.toMatchObject({
      code: "AUTH_INVALID_CREDENTIALS",
    });
    await expect(authorizeCredentials(testDb.db, { email: "gv.nghi@diemcau.local", password: "DiemCau@2026" }, "10.1.0.5")).rejects.toMatchObject({
      code: "AUTH_DISABLED",
    });
  });
});

describe("authorizeCredentials() against password spraying", () => {
  it("locks an address that fails across many emails, whatever the email", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < ADDRESS_MAX_FAILURES - 1; i++) {
      await expect(authorizeCredentials(testDb.db, { email: `nguoi${i}@diemcau.local`, password: "Matkhau123" }, ip)).rejects.toMatchObject({
        code: "AUTH_INVALID_CREDENTIALS",
      });
    }
    await expect(authorizeCredentials(testDb.db, { email: "nguoi-cuoi@diemcau.local", password: "Matkhau123" }, ip)).rejects.toMatchObject({
      code: "AUTH_LOCKED",
    });
    // Even the right password of a real account waits; another address does not.
    await expect(authorizeCredentials(testDb.db, { email: "gv.lan@diemcau.local", password: "DiemCau@2026" }, ip)).rejects.toMatchObject({ code: "AUTH_LOCKED" });
    await expect(authorizeCredentials(testDb.db, { email: "gv.lan@diemcau.local", password: "DiemCau@2026" }, "10.9.9.10")).resolves.toMatchObject({ role: "TEACHER" });
  });
});

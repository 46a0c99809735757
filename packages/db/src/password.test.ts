import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("hashes with argon2id and a fresh salt each time", async () => {
    const a = await hashPassword("DiemCau@2026");
    const b = await hashPassword("DiemCau@2026");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("Mật khẩu có dấu");
    expect(await verifyPassword(stored, "Mật khẩu có dấu")).toBe(true);
    expect(await verifyPassword(stored, "Mat khau co dau")).toBe(false);
  });

  it("treats a malformed hash as a failed verification, not an error", async () => {
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });
});

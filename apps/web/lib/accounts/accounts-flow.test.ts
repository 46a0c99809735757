import { issueAccountToken, issueFirstAdminTokenIfNeeded } from "@diemcau/db";
import { hashPassword, verifyPassword } from "@diemcau/db/password";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { changeOwnPassword } from "./change-own-password";
import { createFirstAdmin, resetPasswordWithToken } from "./redeem-account-token";

const STRONG = "mây trắng bay qua đèo Hải Vân";
const refusalCode = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string }) => error.code ?? String(error));

describe("passwords and one-time links on a real database", () => {
  let database: TestDatabase;
  let teacherId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    teacherId = (
      await database.db.user.create({
        data: { email: "gv.mau@diemcau.local", name: "Giáo viên mẫu", role: "TEACHER", passwordHash: await hashPassword("DiemCau@2026"), isDemo: true, mustChangePassword: true },
      })
    ).id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe("changeOwnPassword()", () => {
    it("refuses a wrong current password, and a weak or unchanged new one, changing nothing", async () => {
      expect(await refusalCode(changeOwnPassword(database.db, teacherId, { currentPassword: "sai", newPassword: STRONG }, "10.2.0.1"))).toBe("PASSWORD_CURRENT_WRONG");
      expect(await refusalCode(changeOwnPassword(database.db, teacherId, { currentPassword: "DiemCau@2026", newPassword: "DiemCau@2026" }, "10.2.0.1"))).toBe("PASSWORD_UNCHANGED");
      expect(await refusalCode(changeOwnPassword(database.db, teacherId, { currentPassword: "DiemCau@2026", newPassword: "qwerty12345" }, "10.2.0.1"))).toBe("PASSWORD_TOO_WEAK");
      const user = await database.db.user.findUniqueOrThrow({ where: { id: teacherId } });
      expect(user).toMatchObject({ mustChangePassword: true, sessionVersion: 0 });
      expect(await verifyPassword(user.passwordHash, "DiemCau@2026")).toBe(true);
    });

    it("sets the new password, lifts the forced change, ends other sessions and writes the audit log", async () => {
      await changeOwnPassword(database.db, teacherId, { currentPassword: "DiemCau@2026", newPassword: STRONG }, "10.2.0.2");
      const user = await database.db.user.findUniqueOrThrow({ where: { id: teacherId } });
      expect(user).toMatchObject({ mustChangePassword: false, sessionVersion: 1 });
      expect(await verifyPassword(user.passwordHash, STRONG)).toBe(true);
      expect(await database.db.auditLog.findMany({ where: { targetUserId: teacherId }, select: { action: true, actorId: true } })).toEqual([
        { action: "password.change", actorId: teacherId },
      ]);
    });

    it("locks after repeated wrong current passwords, as sign-in does", async () => {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push(await refusalCode(changeOwnPassword(database.db, teacherId, { currentPassword: "sai", newPassword: STRONG }, "10.2.0.3")));
      expect(codes.at(-1)).toBe("AUTH_LOCKED");
    });
  });

  describe("the first administrator's link", () => {
    it("is issued only while no administrator exists, and works once", async () => {
      const token = (await issueFirstAdminTokenIfNeeded(database.db))!;
      expect(token).toMatch(/^[\w-]{40,}$/);
      const account = { token, name: "Nguyễn Quản Trị", email: "quantri@sgddt.example.vn", password: STRONG };
      expect(await refusalCode(createFirstAdmin(database.db, { ...account, password: "123456789012" }))).toBe("PASSWORD_TOO_WEAK");
      expect(await createFirstAdmin(database.db, account)).toEqual({ email: "quantri@sgddt.example.vn" });
      expect(await refusalCode(createFirstAdmin(database.db, { ...account, email: "khac@sgddt.example.vn" }))).toBe("ACCOUNT_LINK_INVALID");
      expect(await database.db.user.count({ where: { role: "ADMIN" } })).toBe(1);
      expect(await issueFirstAdminTokenIfNeeded(database.db)).toBeNull();
    });

    it("stops working when a newer link is issued or it expires", async () => {
      const older = await issueAccountToken(database.db, "FIRST_ADMIN", null);
      await issueAccountToken(database.db, "FIRST_ADMIN", null);
      const account = { token: older, name: "A", email: "a@sgddt.example.vn", password: STRONG };
      expect(await refusalCode(createFirstAdmin(database.db, account))).toBe("ACCOUNT_LINK_INVALID");
      const expired = await issueAccountToken(database.db, "FIRST_ADMIN", null, new Date(Date.now() - 25 * 3_600_000));
      expect(await refusalCode(createFirstAdmin(database.db, { ...account, token: expired }))).toBe("ACCOUNT_LINK_INVALID");
    });
  });

  describe("a password reset link", () => {
    it("sets the password once, ends the account's sessions, and is refused for another kind of link", async () => {
      const token = await issueAccountToken(database.db, "PASSWORD_RESET", teacherId);
      const before = await database.db.user.findUniqueOrThrow({ where: { id: teacherId } });
      expect(await refusalCode(createFirstAdmin(database.db, { token, name: "X", email: "x@x.vn", password: STRONG }))).toBe("ACCOUNT_LINK_INVALID");
      expect(await resetPasswordWithToken(database.db, { token, password: "cà phê muối lúc 5 giờ chiều" })).toEqual({ email: "gv.mau@diemcau.local" });
      const after = await database.db.user.findUniqueOrThrow({ where: { id: teacherId } });
      expect(after.sessionVersion).toBe(before.sessionVersion + 1);
      expect(await verifyPassword(after.passwordHash, "cà phê muối lúc 5 giờ chiều")).toBe(true);
      expect(await refusalCode(resetPasswordWithToken(database.db, { token, password: STRONG }))).toBe("ACCOUNT_LINK_INVALID");
    });

    it("does nothing for a disabled account", async () => {
      const token = await issueAccountToken(database.db, "PASSWORD_RESET", teacherId);
      await database.db.user.update({ where: { id: teacherId }, data: { disabledAt: new Date() } });
      expect(await refusalCode(resetPasswordWithToken(database.db, { token, password: STRONG }))).toBe("ACCOUNT_LINK_INVALID");
    });
  });
});

import { describe, expect, it } from "vitest";
import { canChangeAccount, canDisableAccount, canManageAccount, type TAccountActor } from "./account-scope";

const admin: TAccountActor = { id: "admin", role: "ADMIN", districtId: null };
const departmentStaff: TAccountActor = { id: "so", role: "STAFF", districtId: null };
const donghaStaff: TAccountActor = { id: "phong-dongha", role: "STAFF", districtId: "dongha" };
const account = (role: "ADMIN" | "STAFF" | "TEACHER" | "STUDENT" | "BRIDGE_POINT", districtId: string | null = "dongha", id = `${role}-${districtId}`) => ({
  id,
  role,
  districtId,
});
const oneOtherAdmin = { activeAdmins: 2 };
const lastAdmin = { activeAdmins: 1 };

describe("canManageAccount()", () => {
  it("lets administrators manage every account", () => {
    for (const role of ["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT"] as const) {
      expect(canManageAccount(admin, account(role))).toEqual({ ok: true });
    }
  });

  it("lets district staff manage teachers, students and bridge points of their own district only", () => {
    for (const role of ["TEACHER", "STUDENT", "BRIDGE_POINT"] as const) {
      expect(canManageAccount(donghaStaff, account(role, "dongha"))).toEqual({ ok: true });
      expect(canManageAccount(donghaStaff, account(role, "camlo"))).toMatchObject({ ok: false, code: "ACCOUNT_OUT_OF_DISTRICT" });
      expect(canManageAccount(donghaStaff, account(role, null))).toMatchObject({ ok: false, code: "ACCOUNT_OUT_OF_DISTRICT" });
    }
  });

  it("lets department staff manage teachers, students and bridge points of every district", () => {
    for (const role of ["TEACHER", "STUDENT", "BRIDGE_POINT"] as const) {
      expect(canManageAccount(departmentStaff, account(role, "camlo"))).toEqual({ ok: true });
      expect(canManageAccount(departmentStaff, account(role, null))).toEqual({ ok: true });
    }
  });

  it("keeps ADMIN and STAFF accounts to administrators, with the Vietnamese reason", () => {
    expect(canManageAccount(departmentStaff, account("STAFF", "dongha"))).toEqual({
      ok: false,
      code: "ACCOUNT_ROLE_ADMIN_ONLY",
      message: "Chỉ quản trị viên mới tạo hoặc thay đổi tài khoản quản trị viên và cán bộ.",
    });
    expect(canManageAccount(donghaStaff, account("ADMIN", null))).toMatchObject({ code: "ACCOUNT_ROLE_ADMIN_ONLY" });
  });

  it("refuses teachers, students and bridge points any account management", () => {
    for (const role of ["TEACHER", "STUDENT", "BRIDGE_POINT"] as const) {
      expect(canManageAccount({ id: "x", role, districtId: "dongha" }, account("STUDENT", "dongha"))).toMatchObject({ code: "ACCOUNT_MANAGE_FORBIDDEN" });
    }
  });
});

describe("canChangeAccount()", () => {
  it("lets staff create only what they manage", () => {
    expect(canChangeAccount(donghaStaff, null, account("TEACHER", "dongha"), oneOtherAdmin).ok).toBe(true);
    expect(canChangeAccount(donghaStaff, null, account("TEACHER", "camlo"), oneOtherAdmin)).toMatchObject({ code: "ACCOUNT_OUT_OF_DISTRICT" });
    expect(canChangeAccount(departmentStaff, null, account("STAFF", null), oneOtherAdmin)).toMatchObject({ code: "ACCOUNT_ROLE_ADMIN_ONLY" });
    expect(canChangeAccount(admin, null, account("STAFF", null), oneOtherAdmin).ok).toBe(true);
  });

  it("stops staff from moving an account out of their district or raising it to STAFF", () => {
    expect(canChangeAccount(donghaStaff, account("STUDENT", "dongha"), account("STUDENT", "camlo"), oneOtherAdmin)).toMatchObject({
      code: "ACCOUNT_OUT_OF_DISTRICT",
    });
    expect(canChangeAccount(donghaStaff, account("TEACHER", "dongha"), account("STAFF", "dongha"), oneOtherAdmin)).toMatchObject({
      code: "ACCOUNT_ROLE_ADMIN_ONLY",
    });
    expect(canChangeAccount(donghaStaff, account("STUDENT", "camlo"), account("STUDENT", "dongha"), oneOtherAdmin)).toMatchObject({
      code: "ACCOUNT_OUT_OF_DISTRICT",
    });
    expect(canChangeAccount(donghaStaff, account("STUDENT", "dongha"), account("TEACHER", "dongha"), oneOtherAdmin).ok).toBe(true);
  });

  it("never takes the ADMIN role from the last active administrator", () => {
    expect(canChangeAccount(admin, account("ADMIN", null, "admin"), account("STAFF", null), lastAdmin)).toMatchObject({ code: "ACCOUNT_LAST_ADMIN" });
    expect(canChangeAccount(admin, account("ADMIN", null, "admin"), account("STAFF", null), oneOtherAdmin).ok).toBe(true);
    expect(canChangeAccount(admin, account("ADMIN", null, "admin"), account("ADMIN", null), lastAdmin).ok).toBe(true);
    // A disabled administrator is not one of the active ones: the last active one may demote it.
    expect(canChangeAccount(admin, { ...account("ADMIN", null, "old-admin"), disabled: true }, account("STAFF", null), lastAdmin).ok).toBe(true);
  });
});

describe("canDisableAccount()", () => {
  it("lets whoever manages an account disable it", () => {
    expect(canDisableAccount(donghaStaff, account("STUDENT", "dongha"), oneOtherAdmin).ok).toBe(true);
    expect(canDisableAccount(donghaStaff, account("STUDENT", "camlo"), oneOtherAdmin)).toMatchObject({ code: "ACCOUNT_OUT_OF_DISTRICT" });
    expect(canDisableAccount(admin, account("STAFF", null), oneOtherAdmin).ok).toBe(true);
  });

  it("stops anyone disabling themselves or the last active administrator", () => {
    expect(canDisableAccount(admin, account("ADMIN", null, "admin"), oneOtherAdmin)).toMatchObject({ code: "ACCOUNT_SELF_DISABLE" });
    expect(canDisableAccount(admin, account("ADMIN", null, "other-admin"), lastAdmin)).toMatchObject({ code: "ACCOUNT_LAST_ADMIN" });
    expect(canDisableAccount(admin, account("ADMIN", null, "other-admin"), oneOtherAdmin).ok).toBe(true);
  });
});

import { seedDemo } from "@diemcau/db";
import { verifyPassword } from "@diemcau/db/password";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetAccountState, refreshSessionUser } from "../auth/account-state";
import { authorizeCredentials } from "../auth/authorize-credentials";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import type { TAccountActor } from "./account-scope";
import { createAccount } from "./create-account";
import { ACCOUNT_IMPORT_MAX_BYTES, importAccounts } from "./import-accounts";
import { issueResetLink } from "./issue-reset-link";
import { listAccounts, ZAccountFilterSchema } from "./list-accounts";
import { listAuditLog, ZAuditFilterSchema } from "./list-audit-log";
import { resetPasswordWithToken } from "./redeem-account-token";
import { setAccountDisabled } from "./set-account-disabled";
import { temporaryPasswordsXlsx } from "./temporary-passwords-xlsx";
import { updateAccount } from "./update-account";

const TEMPORARY = "gió Lào thổi qua cầu Hiền Lương";
const IP = "10.3.0.1";
const refusalCode = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string }) => error.code ?? String(error));
const encode = (text: string) => new TextEncoder().encode(text);
const filter = (query: Record<string, string> = {}) => ZAccountFilterSchema.parse(query);

let database: TestDatabase;
let admin: TAccountActor;
let departmentStaff: TAccountActor;
let donghaStaff: TAccountActor;
let districts: Record<"dongha" | "camlo", string>;
let bridgePointDongha: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await seedDemo(db);
  const district = async (name: string) => (await db.district.findUniqueOrThrow({ where: { name } })).id;
  districts = { dongha: await district("Đông Hà"), camlo: await district("Cam Lộ") };
  bridgePointDongha = (await db.bridgePoint.findFirstOrThrow({ where: { districtId: districts.dongha } })).id;
  const actor = async (email: string): Promise<TAccountActor> => {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    return { id: user.id, role: user.role, districtId: user.districtId };
  };
  admin = await actor("admin@diemcau.local");
  departmentStaff = await actor("canbo@diemcau.local");
  const phong = await createAccount(db, admin, {
    name: "Cán bộ Phòng Đông Hà",
    email: "phong.dongha@sgddt.example.vn",
    role: "STAFF",
    districtId: districts.dongha,
    password: { kind: "link" },
  });
  donghaStaff = { id: phong.id, role: "STAFF", districtId: districts.dongha };
});

afterAll(async () => {
  await database?.drop();
});

describe("createAccount()", () => {
  it("gives a new teacher a temporary password that the first sign-in must change, and logs it without the password", async () => {
    const { id, link } = await createAccount(database.db, donghaStaff, {
      name: "Võ Thị Hạnh",
      email: "VT.Hanh@truong.edu.vn ",
      role: "TEACHER",
      districtId: districts.dongha,
      school: "Trường THCS Nguyễn Trãi",
      studentCode: "",
      password: { kind: "temporary", password: TEMPORARY },
    });
    expect(link).toBeNull();
    const signedIn = await authorizeCredentials(database.db, { email: "vt.hanh@truong.edu.vn", password: TEMPORARY }, IP);
    expect(signedIn).toMatchObject({ id, role: "TEACHER", mustChangePassword: true });
    const [entry] = await database.db.auditLog.findMany({ where: { targetUserId: id } });
    expect(entry).toMatchObject({ actorId: donghaStaff.id, action: "account.create", details: { role: "TEACHER", districtId: districts.dongha, password: "temporary" } });
    expect(JSON.stringify(entry)).not.toContain(TEMPORARY);
  });

  it("gives a new account a one-time link instead, which sets its first password", async () => {
    const { id, link } = await createAccount(database.db, admin, {
      name: "Điểm cầu Đông Hà 2",
      email: "dongha2@sgddt.example.vn",
      role: "BRIDGE_POINT",
      districtId: districts.camlo, // a room belongs to its bridge point's district, whatever was sent
      bridgePointId: bridgePointDongha,
      password: { kind: "link" },
    });
    expect(await database.db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ districtId: districts.dongha, bridgePointId: bridgePointDongha, mustChangePassword: false });
    expect(link!.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    await resetPasswordWithToken(database.db, { token: link!.token, password: TEMPORARY });
    expect(await authorizeCredentials(database.db, { email: "dongha2@sgddt.example.vn", password: TEMPORARY }, IP)).toMatchObject({ id, mustChangePassword: false });
  });

  it("refuses what is outside the creator's scope, a weak temporary password, and a taken email or mã định danh", async () => {
    const teacher = { name: "Lê Văn Tâm", email: "lvtam@truong.edu.vn", role: "TEACHER", districtId: districts.camlo, password: { kind: "link" } };
    expect(await refusalCode(createAccount(database.db, donghaStaff, teacher))).toBe("ACCOUNT_OUT_OF_DISTRICT");
    expect(await refusalCode(createAccount(database.db, departmentStaff, { ...teacher, role: "STAFF" }))).toBe("ACCOUNT_ROLE_ADMIN_ONLY");
    expect(await refusalCode(createAccount(database.db, admin, { ...teacher, role: "BRIDGE_POINT" }))).toBe("ACCOUNT_BRIDGE_POINT_REQUIRED");
    expect(await refusalCode(createAccount(database.db, admin, { ...teacher, password: { kind: "temporary", password: "lvtam123456" } }))).toBe("PASSWORD_TOO_WEAK");
    expect(await refusalCode(createAccount(database.db, admin, { ...teacher, email: "gv.lan@diemcau.local" }))).toBe("ACCOUNT_EMAIL_TAKEN");
    await database.db.user.update({ where: { email: "hs.mai@diemcau.local" }, data: { studentCode: "045201000002" } });
    expect(await refusalCode(createAccount(database.db, admin, { ...teacher, studentCode: "0452 0100 0002" }))).toBe("ACCOUNT_CODE_TAKEN");
    expect(await database.db.user.count({ where: { email: "lvtam@truong.edu.vn" } })).toBe(0);
  });
});

describe("updateAccount() and setAccountDisabled()", () => {
  it("applies a role change at the account's next request, without ending its session", async () => {
    const { id } = await createAccount(database.db, admin, { name: "Ngô Bảo Châu", email: "nbchau@truong.edu.vn", role: "STUDENT", districtId: districts.dongha, password: { kind: "temporary", password: TEMPORARY } });
    await database.db.user.update({ where: { id }, data: { mustChangePassword: false } });
    const session = await authorizeCredentials(database.db, { email: "nbchau@truong.edu.vn", password: TEMPORARY }, IP);
    expect((await refreshSessionUser(database.db, session))?.role).toBe("STUDENT");

    await updateAccount(database.db, donghaStaff, id, { name: "Ngô Bảo Châu", email: "nbchau@truong.edu.vn", role: "TEACHER", districtId: districts.dongha, studentCode: "0452010099" });
    expect(await refreshSessionUser(database.db, session)).toMatchObject({ id, role: "TEACHER" });
    const [entry] = await database.db.auditLog.findMany({ where: { targetUserId: id, action: "account.role-change" } });
    expect(entry?.details).toEqual({ changed: { role: { from: "STUDENT", to: "TEACHER" }, studentCode: { from: null, to: "0452010099" } } });

    expect(await refusalCode(updateAccount(database.db, donghaStaff, id, { name: "X", email: "nbchau@truong.edu.vn", role: "TEACHER", districtId: districts.camlo }))).toBe("ACCOUNT_OUT_OF_DISTRICT");
    expect(await refusalCode(updateAccount(database.db, donghaStaff, id, { name: "X", email: "nbchau@truong.edu.vn", role: "STAFF", districtId: districts.dongha }))).toBe("ACCOUNT_ROLE_ADMIN_ONLY");
  });

  it("ends a disabled account's open session at its next request, and a re-enabled account signs in anew", async () => {
    const { id } = await createAccount(database.db, admin, { name: "Phan Thị Thu", email: "ptthu@truong.edu.vn", role: "TEACHER", districtId: districts.camlo, password: { kind: "temporary", password: TEMPORARY } });
    const session = await authorizeCredentials(database.db, { email: "ptthu@truong.edu.vn", password: TEMPORARY }, IP);
    expect(await refreshSessionUser(database.db, session)).not.toBeNull();

    expect(await refusalCode(setAccountDisabled(database.db, donghaStaff, id, true))).toBe("ACCOUNT_OUT_OF_DISTRICT");
    await setAccountDisabled(database.db, departmentStaff, id, true);
    expect(await refreshSessionUser(database.db, session)).toBeNull();
    expect(await refusalCode(authorizeCredentials(database.db, { email: "ptthu@truong.edu.vn", password: TEMPORARY }, IP))).toBe("AUTH_DISABLED");

    await setAccountDisabled(database.db, departmentStaff, id, false);
    forgetAccountState(id);
    expect(await refreshSessionUser(database.db, session)).toBeNull();
    const again = await authorizeCredentials(database.db, { email: "ptthu@truong.edu.vn", password: TEMPORARY }, IP);
    expect(await refreshSessionUser(database.db, again)).toMatchObject({ id });
    const actions = await database.db.auditLog.findMany({ where: { targetUserId: id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(actions.map((a) => a.action)).toEqual(["account.create", "account.disable", "account.enable"]);
  });

  it("never lets an administrator disable themselves or leave no active administrator", async () => {
    expect(await refusalCode(setAccountDisabled(database.db, admin, admin.id, true))).toBe("ACCOUNT_SELF_DISABLE");
    expect(await refusalCode(updateAccount(database.db, admin, admin.id, { name: "Nguyễn Văn An", email: "admin@diemcau.local", role: "STAFF" }))).toBe("ACCOUNT_LAST_ADMIN");
    const second = await createAccount(database.db, admin, { name: "Quản trị 2", email: "qt2@sgddt.example.vn", role: "ADMIN", password: { kind: "link" } });
    const secondActor: TAccountActor = { id: second.id, role: "ADMIN", districtId: null };
    await setAccountDisabled(database.db, secondActor, admin.id, true);
    expect(await refusalCode(setAccountDisabled(database.db, secondActor, second.id, true))).toBe("ACCOUNT_SELF_DISABLE");
    await setAccountDisabled(database.db, secondActor, admin.id, false);
    expect(await database.db.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(2);
  });
});

describe("issueResetLink()", () => {
  it("issues a 24-hour link that sets a new password and ends the account's sessions; only the newest works", async () => {
    const minh = await database.db.user.findUniqueOrThrow({ where: { email: "hs.minh@diemcau.local" } });
    const older = await issueResetLink(database.db, donghaStaff, minh.id);
    const { token } = await issueResetLink(database.db, donghaStaff, minh.id);
    expect(await refusalCode(resetPasswordWithToken(database.db, { token: older.token, password: TEMPORARY }))).toBe("ACCOUNT_LINK_INVALID");
    await resetPasswordWithToken(database.db, { token, password: TEMPORARY });
    const after = await database.db.user.findUniqueOrThrow({ where: { id: minh.id } });
    expect(after.sessionVersion).toBe(minh.sessionVersion + 1);
    expect(await verifyPassword(after.passwordHash, TEMPORARY)).toBe(true);
    expect(await database.db.auditLog.count({ where: { targetUserId: minh.id, action: "password.reset-link", actorId: donghaStaff.id } })).toBe(2);
  });

  it("is refused for an account outside the issuer's scope", async () => {
    const hung = await database.db.user.findUniqueOrThrow({ where: { email: "gv.hung@diemcau.local" } });
    expect(await refusalCode(issueResetLink(database.db, donghaStaff, hung.id))).toBe("ACCOUNT_OUT_OF_DISTRICT");
    expect(await refusalCode(issueResetLink(database.db, departmentStaff, admin.id))).toBe("ACCOUNT_ROLE_ADMIN_ONLY");
  });
});

describe("listAccounts() and listAuditLog()", () => {
  it("finds accounts by name, email or mã định danh typed without diacritics, within the actor's scope", async () => {
    const names = async (actor: TAccountActor, query: Record<string, string>) => (await listAccounts(database.db, actor, filter(query))).items.map((a) => a.name);
    expect(await names(admin, { q: "nguyen thi mai" })).toEqual(["Nguyễn Thị Mai"]);
    expect(await names(admin, { q: "ĐỨC MINH" })).toEqual(["Hoàng Đức Minh"]);
    expect(await names(admin, { q: "045201000002" })).toEqual(["Nguyễn Thị Mai"]);
    expect(await names(admin, { q: "gv.hung@" })).toEqual(["Phạm Văn Hùng"]);
    // Staff of Đông Hà see no account of Cam Lộ, and no staff account.
    expect(await names(donghaStaff, { q: "hung" })).toEqual([]);
    expect(await names(donghaStaff, { role: "STAFF" })).toEqual([]);
    expect(await names(departmentStaff, { q: "pham van hung" })).toEqual(["Phạm Văn Hùng"]);
  });

  it("filters by role, district, status and demo, a page of 25 at a time", async () => {
    const page = async (query: Record<string, string>) => listAccounts(database.db, admin, filter(query));
    expect((await page({ role: "BRIDGE_POINT" })).total).toBe(10);
    expect((await page({ role: "BRIDGE_POINT", demo: "no" })).items.map((a) => a.email)).toEqual(["dongha2@sgddt.example.vn"]);
    expect((await page({ districtId: districts.camlo, role: "TEACHER" })).items.map((a) => a.email).sort()).toEqual(["gv.hung@diemcau.local", "ptthu@truong.edu.vn"]);
    const all = await page({});
    expect(all.pageCount).toBe(Math.ceil(all.total / 25));
    const second = await page({ trang: "ignored", page: "2" });
    expect(second.items[0]?.id).not.toBe(all.items[0]?.id);
    expect(new Set([...all.items, ...second.items].map((a) => a.id)).size).toBe(all.items.length + second.items.length);
    await setAccountDisabled(database.db, admin, (await database.db.user.findUniqueOrThrow({ where: { email: "hs.bao@diemcau.local" } })).id, true);
    expect((await page({ status: "disabled" })).items.map((a) => a.email)).toEqual(["hs.bao@diemcau.local"]);
    expect((await page({ status: "active", q: "tran quoc bao" })).items).toEqual([]);
  });

  it("shows administrators every entry and staff the entries about accounts they manage, filtered by account", async () => {
    const adminLog = await listAuditLog(database.db, admin, ZAuditFilterSchema.parse({}));
    expect(adminLog.items.map((e) => e.action)).toContain("account.create");
    expect(adminLog.items[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(adminLog.items.at(-1)!.createdAt.getTime());
    const staffLog = await listAuditLog(database.db, donghaStaff, ZAuditFilterSchema.parse({}));
    const targets = await database.db.user.findMany({ where: { id: { in: staffLog.items.map((e) => e.target!.id) } }, select: { role: true, districtId: true } });
    expect(targets.every((t) => t.districtId === districts.dongha && t.role !== "STAFF" && t.role !== "ADMIN")).toBe(true);
    expect(staffLog.total).toBeLessThan(adminLog.total);
    const aboutAdmin = await listAuditLog(database.db, admin, ZAuditFilterSchema.parse({ accountId: admin.id }));
    expect(aboutAdmin.items.every((e) => e.actor?.id === admin.id || e.target?.id === admin.id)).toBe(true);
    expect(aboutAdmin.items.map((e) => e.action)).toEqual(expect.arrayContaining(["account.disable", "account.enable", "account.create"]));
  });
});

describe("importAccounts()", () => {
  const options = { role: "STUDENT", districtId: null, school: "Trường THCS Nguyễn Trãi" };

  it("creates new students with temporary passwords and updates those found by email or mã định danh", async () => {
    await database.db.user.update({ where: { email: "hs.linh@diemcau.local" }, data: { studentCode: "045201000004" } });
    const csv = [
      "\uFEFFHọ và tên;Email;Mã định danh;Huyện",
      "Trần Minh Khôi;tm.khoi@hs.example.vn;045201000010;Đông Hà",
      "Lê Thị Khánh Linh;;045201000004;Thành phố Đông Hà", // found by mã định danh, renamed
      "Nguyễn Thị Mai;hs.mai@diemcau.local;;Đông Hà", // found by email, unchanged
      "Đặng Thu Hà;dt.ha@hs.example.vn;;Đông Hà",
    ].join("\r\n");
    const result = await importAccounts(database.db, donghaStaff, encode(csv), options);
    expect(result).toMatchObject({ created: 2, updated: 1, unchanged: 1 });
    expect(result.passwords.map((p) => [p.line, p.email, p.studentCode, p.role])).toEqual([
      [2, "tm.khoi@hs.example.vn", "045201000010", "STUDENT"],
      [5, "dt.ha@hs.example.vn", null, "STUDENT"],
    ]);
    const khoi = await database.db.user.findUniqueOrThrow({ where: { email: "tm.khoi@hs.example.vn" } });
    expect(khoi).toMatchObject({ role: "STUDENT", districtId: districts.dongha, school: "Trường THCS Nguyễn Trãi", mustChangePassword: true });
    expect(await authorizeCredentials(database.db, { email: "tm.khoi@hs.example.vn", password: result.passwords[0]!.password }, IP)).toMatchObject({ mustChangePassword: true });
    expect(await database.db.user.findUniqueOrThrow({ where: { email: "hs.linh@diemcau.local" } })).toMatchObject({ name: "Lê Thị Khánh Linh", studentCode: "045201000004" });
    expect(await database.db.auditLog.count({ where: { actorId: donghaStaff.id, action: "account.import" } })).toBe(1);

    // The list to hand out: one row per new account with its password.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await temporaryPasswordsXlsx(result.passwords)) as unknown as ExcelJS.Buffer);
    const rows = book.worksheets[0]!.getSheetValues().slice(2).map((row) => (row as ExcelJS.CellValue[]).slice(1));
    expect(rows).toEqual([
      [2, "Trần Minh Khôi", "tm.khoi@hs.example.vn", "045201000010", "Học sinh", "Trường THCS Nguyễn Trãi", result.passwords[0]!.password],
      [5, "Đặng Thu Hà", "dt.ha@hs.example.vn", "", "Học sinh", "Trường THCS Nguyễn Trãi", result.passwords[1]!.password],
    ]);
  });

  it("imports teachers from an XLSX file matched by mã định danh", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("GV").addRows([
      ["Họ tên", "Mã định danh", "Vai trò", "Email"],
      ["Ngô Bảo Châu (GV Toán)", "0452010099", "Giáo viên", ""],
      ["Trương Văn Lực", "0452010100", "giao vien", "tv.luc@truong.edu.vn"],
    ]);
    const result = await importAccounts(database.db, admin, new Uint8Array(await book.xlsx.writeBuffer()), { ...options, districtId: districts.dongha });
    expect(result).toMatchObject({ created: 1, updated: 1 });
    expect((await database.db.user.findUniqueOrThrow({ where: { studentCode: "0452010099" } })).name).toBe("Ngô Bảo Châu (GV Toán)");
    expect((await database.db.user.findUniqueOrThrow({ where: { email: "tv.luc@truong.edu.vn" } })).role).toBe("TEACHER");
  });

  it("refuses the whole file for one bad row, naming every bad line, and changes nothing", async () => {
    const before = await database.db.user.count();
    const logBefore = await database.db.auditLog.count();
    const csv = [
      "Họ và tên,Email,Mã định danh,Vai trò,Huyện",
      "Học sinh mới,moi.1@hs.example.vn,,học sinh,Đông Hà",
      "Phạm Văn Hùng,gv.hung@diemcau.local,,học sinh,Cam Lộ", // a teacher, and out of Đông Hà's scope
      "Không email,,045201000077,học sinh,Đông Hà",
      "Sai huyện,moi.2@hs.example.vn,,học sinh,Hà Nội",
      "Sai vai trò,moi.3@hs.example.vn,,hiệu trưởng,Đông Hà",
      "Lẫn lộn,hs.mai@diemcau.local,045201000004,học sinh,Đông Hà",
    ].join("\n");
    const error = await importAccounts(database.db, donghaStaff, encode(csv), options).then(
      () => null,
      (e: { code: string; details: string[] }) => e,
    );
    expect(error?.code).toBe("ACCOUNT_IMPORT_INVALID");
    expect(error?.details).toEqual([
      "Dòng 3: tài khoản gv.hung@diemcau.local là giáo viên, không phải học sinh.",
      "Dòng 4: thiếu email để tạo tài khoản mới (email là tên đăng nhập).",
      "Dòng 5: không có huyện, thị xã, thành phố “Hà Nội”.",
      "Dòng 6: vai trò “hiệu trưởng” không hợp lệ (chỉ nhận “giáo viên” hoặc “học sinh”).",
      "Dòng 7: email hs.mai@diemcau.local và mã định danh 045201000004 là của hai tài khoản khác nhau.",
    ]);
    expect(await database.db.user.count()).toBe(before);
    expect(await database.db.auditLog.count()).toBe(logBefore);
  });

  it("refuses accounts outside the importer's district", async () => {
    const csv = "Họ và tên;Email;Huyện\nHọc sinh Cam Lộ;hs.camlo@hs.example.vn;Cam Lộ\n";
    const error = await importAccounts(database.db, donghaStaff, encode(csv), options).then(() => null, (e: { details: string[] }) => e);
    expect(error?.details).toEqual(["Dòng 2: Tài khoản này không thuộc huyện, thị xã, thành phố bạn quản lý."]);
  });

  it("refuses an oversized file before reading it", async () => {
    const big = new Uint8Array(ACCOUNT_IMPORT_MAX_BYTES + 1).fill(0x61);
    const error = await importAccounts(database.db, admin, big, options).then(() => null, (e: { code: string; status: number; message: string }) => e);
    expect([error?.code, error?.status, error?.message]).toEqual(["ACCOUNT_IMPORT_TOO_LARGE", 413, "Tệp danh sách quá lớn (2,0 MB). Dung lượng tối đa là 2,0 MB."]);
  });
});

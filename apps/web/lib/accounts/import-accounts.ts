import type { Db } from "@diemcau/db";
import { hashPassword } from "@diemcau/db/password";
import { z } from "zod";
import { parseInput } from "../api/parse-input";
import { forgetAccountState } from "../auth/account-state";
import { AppError } from "../errors/app-error";
import type { TTx } from "../schedule/lock-keys";
import { headerKey, readTableFile } from "../spreadsheets/read-table";
import { canChangeAccount, type TAccountActor } from "./account-scope";
import { listFileTooLarge, refuseRows, type TRowProblem } from "../spreadsheets/list-file-refusals";
import { IMPORTED_ROLES, parseAccountSheet, type TAccountRow, type TImportedRole } from "./parse-account-sheet";
import { lockAccountChanges } from "./prepare-account-change";
import { recordAudits } from "./record-audit";
import { generateTemporaryPassword } from "./temporary-password";

/** A school's list of a few thousand people is well under this; anything bigger is a wrong file. */
export const ACCOUNT_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** Each new account's password is hashed (about 20 ms): this keeps one import under a minute. */
export const ACCOUNT_IMPORT_MAX_ROWS = 2000;

/** The import form's choices, for rows that do not say: role, district and school. */
export const ZImportOptionsSchema = z.object({
  role: z.enum(IMPORTED_ROLES, "Vui lòng chọn vai trò mặc định."),
  districtId: z
    .string()
    .max(64)
    .nullish()
    .transform((v) => v || null),
  school: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => v || null),
});

export function accountImportTooLarge(bytes: number): AppError {
  return listFileTooLarge("ACCOUNT_IMPORT_TOO_LARGE", bytes, ACCOUNT_IMPORT_MAX_BYTES);
}

function refuse(problems: TRowProblem[]): AppError {
  return refuseRows("ACCOUNT_IMPORT_INVALID", (count) => `Chưa nhập vì có ${count} dòng lỗi; không tài khoản nào được tạo hay thay đổi.`, problems);
}

/** A new account's temporary password, for the list the school hands out. */
export interface TIssuedPassword {
  line: number;
  name: string;
  email: string;
  studentCode: string | null;
  role: TImportedRole;
  school: string | null;
  password: string;
}

type TCreate = { row: TAccountRow; data: { name: string; email: string; studentCode: string | null; role: TImportedRole; districtId: string | null; school: string | null } };
type TUpdate = { id: string; data: Partial<TCreate["data"]> };
type TPlan = { creates: TCreate[]; updates: TUpdate[]; unchanged: number; problems: TRowProblem[] };

const ROLE_NAMES: Record<TImportedRole, string> = { TEACHER: "giáo viên", STUDENT: "học sinh" };

/** District names as people write them: "Cam Lộ", "huyện Cam Lộ", "Thành phố Đông Hà". */
async function districtsByName(db: Db | TTx): Promise<Map<string, string>> {
  const districts = await db.district.findMany({ select: { id: true, name: true, kind: true } });
  return new Map(districts.flatMap((d) => [[headerKey(d.name), d.id] as const, [headerKey(`${d.kind} ${d.name}`), d.id] as const]));
}

/**
 * What the file would do, checked row by row against the accounts as they are: every account
 * matched by email or mã định danh is updated (name, school, district, a missing email or
 * mã định danh), every other row creates one. Every account must be the actor's to manage.
 */
async function planImport(db: Db | TTx, actor: TAccountActor, rows: TAccountRow[], options: z.output<typeof ZImportOptionsSchema>, activeAdmins: number): Promise<TPlan> {
  const districts = await districtsByName(db);
  const emails = rows.flatMap((r) => (r.email ? [r.email] : []));
  const codes = rows.flatMap((r) => (r.studentCode ? [r.studentCode] : []));
  const existing = await db.user.findMany({
    where: { OR: [{ email: { in: emails } }, { studentCode: { in: codes } }] },
    select: { id: true, name: true, email: true, studentCode: true, role: true, districtId: true, school: true, disabledAt: true },
  });
  const byEmail = new Map(existing.map((u) => [u.email, u]));
  const byCode = new Map(existing.flatMap((u) => (u.studentCode ? [[u.studentCode, u] as const] : [])));

  const plan: TPlan = { creates: [], updates: [], unchanged: 0, problems: [] };
  for (const row of rows) {
    const problem = (message: string) => plan.problems.push({ line: row.line, message });
    const districtId = row.district ? districts.get(headerKey(row.district)) : options.districtId;
    if (districtId === undefined) {
      problem(`không có huyện, thị xã, thành phố “${row.district}”.`);
      continue;
    }
    const fromEmail = row.email ? byEmail.get(row.email) : undefined;
    const fromCode = row.studentCode ? byCode.get(row.studentCode) : undefined;
    if (fromEmail && fromCode && fromEmail.id !== fromCode.id) {
      problem(`email ${row.email} và mã định danh ${row.studentCode} là của hai tài khoản khác nhau.`);
      continue;
    }
    const account = fromEmail ?? fromCode;
    const school = row.school ?? options.school;
    if (!account) {
      if (!row.name) problem("thiếu họ tên để tạo tài khoản mới.");
      else if (!row.email) problem("thiếu email để tạo tài khoản mới (email là tên đăng nhập).");
      else {
        const data = { name: row.name, email: row.email, studentCode: row.studentCode, role: row.role ?? options.role, districtId, school };
        const decision = canChangeAccount(actor, null, data, { activeAdmins });
        if (decision.ok) plan.creates.push({ row, data });
        else problem(decision.message);
      }
      continue;
    }
    const role = row.role ?? options.role;
    if (account.role !== role) {
      problem(`tài khoản ${account.email} là ${ROLE_NAMES[account.role as TImportedRole] ?? "tài khoản khác"}, không phải ${ROLE_NAMES[role]}.`);
      continue;
    }
    if (row.studentCode && account.studentCode && account.studentCode !== row.studentCode) {
      problem(`tài khoản ${account.email} đã có mã định danh ${account.studentCode}, khác ${row.studentCode}.`);
      continue;
    }
    const next = { name: row.name ?? account.name, email: row.email ?? account.email, studentCode: row.studentCode ?? account.studentCode, districtId, school: school ?? account.school };
    const decision = canChangeAccount(actor, { ...account, disabled: account.disabledAt !== null }, { role, districtId }, { activeAdmins });
    if (!decision.ok) {
      problem(`${account.email}: ${decision.message}`);
      continue;
    }
    const data = Object.fromEntries(Object.entries(next).filter(([key, value]) => account[key as keyof typeof next] !== value));
    if (Object.keys(data).length === 0) plan.unchanged++;
    else plan.updates.push({ id: account.id, data });
  }
  return plan;
}

/**
 * Imports teachers and students from a CSV or XLSX file, all rows or none: any bad row refuses the
 * whole file with its line numbers. Existing accounts (by email or mã định danh) are updated; new
 * ones get a temporary password, returned once for the school to hand out, which the first sign-in
 * must change.
 */
export async function importAccounts(db: Db, actor: TAccountActor, file: Uint8Array, input: unknown) {
  if (file.byteLength > ACCOUNT_IMPORT_MAX_BYTES) throw accountImportTooLarge(file.byteLength);
  const options = parseInput(ZImportOptionsSchema, input);
  const { rows, problems } = parseAccountSheet(await readTableFile(file));
  if (rows.length + problems.length > ACCOUNT_IMPORT_MAX_ROWS) {
    throw new AppError("ACCOUNT_IMPORT_TOO_MANY_ROWS", `Tệp có quá ${ACCOUNT_IMPORT_MAX_ROWS} dòng. Hãy chia thành nhiều tệp.`, 413, "file", [], {
      max: ACCOUNT_IMPORT_MAX_ROWS,
    });
  }
  // Hashing is slow, so it happens before the transaction, for the rows that would create an
  // account; the transaction checks again and refuses if another change made the plans differ.
  const draft = await planImport(db, actor, rows, options, await db.user.count({ where: { role: "ADMIN", disabledAt: null } }));
  if (problems.length + draft.problems.length > 0) throw refuse([...problems, ...draft.problems]);
  const issued = new Map<number, { password: string; hash: string }>();
  for (const { row } of draft.creates) {
    const password = generateTemporaryPassword();
    issued.set(row.line, { password, hash: await hashPassword(password) });
  }

  const result = await db.$transaction(
    async (tx) => {
      const { activeAdmins } = await lockAccountChanges(tx);
      const plan = await planImport(tx, actor, rows, options, activeAdmins);
      if (plan.problems.length > 0) throw refuse(plan.problems);
      if (plan.creates.some(({ row }) => !issued.has(row.line)) || plan.creates.length !== issued.size) {
        throw new AppError("ACCOUNT_IMPORT_CONFLICT", "Danh sách tài khoản vừa thay đổi trong lúc nhập. Vui lòng nhập lại tệp.", 409, "file");
      }
      const created = await tx.user.createManyAndReturn({
        data: plan.creates.map(({ row, data }) => ({ ...data, passwordHash: issued.get(row.line)!.hash, mustChangePassword: true })),
        select: { id: true, email: true },
      });
      for (const update of plan.updates) await tx.user.update({ where: { id: update.id }, data: update.data });
      await recordAudits(tx, [
        { actorId: actor.id, action: "account.import", details: { created: created.length, updated: plan.updates.length, unchanged: plan.unchanged } },
        ...created.map((account) => ({ actorId: actor.id, action: "account.create" as const, targetUserId: account.id, details: { via: "import" } })),
        ...plan.updates.map((update) => ({ actorId: actor.id, action: "account.update" as const, targetUserId: update.id, details: { via: "import", fields: Object.keys(update.data) } })),
      ]);
      return { plan, updatedIds: plan.updates.map((u) => u.id) };
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
  for (const id of result.updatedIds) forgetAccountState(id);

  const passwords: TIssuedPassword[] = result.plan.creates.map(({ row, data }) => ({
    line: row.line,
    name: data.name,
    email: data.email,
    studentCode: data.studentCode,
    role: data.role,
    school: data.school,
    password: issued.get(row.line)!.password,
  }));
  return { created: passwords.length, updated: result.plan.updates.length, unchanged: result.plan.unchanged, passwords };
}

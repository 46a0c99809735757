import type { Role } from "@diemcau/db";

/** The roles staff manage; ADMIN and STAFF accounts are the administrators' alone. */
export const STAFF_MANAGED_ROLES = ["TEACHER", "STUDENT", "BRIDGE_POINT"] as const satisfies readonly Role[];

/** Stable codes of every refusal to manage an account; the message is what the person reads. */
export type TAccountRefusalCode =
  | "ACCOUNT_MANAGE_FORBIDDEN"
  | "ACCOUNT_ROLE_ADMIN_ONLY"
  | "ACCOUNT_OUT_OF_DISTRICT"
  | "ACCOUNT_SELF_DISABLE"
  | "ACCOUNT_LAST_ADMIN";

export const ACCOUNT_REFUSAL_MESSAGES: Record<TAccountRefusalCode, string> = {
  ACCOUNT_MANAGE_FORBIDDEN: "Bạn không có quyền quản lý tài khoản.",
  ACCOUNT_ROLE_ADMIN_ONLY: "Chỉ quản trị viên mới tạo hoặc thay đổi tài khoản quản trị viên và cán bộ.",
  ACCOUNT_OUT_OF_DISTRICT: "Tài khoản này không thuộc huyện, thị xã, thành phố bạn quản lý.",
  ACCOUNT_SELF_DISABLE: "Bạn không thể tự khóa tài khoản của mình.",
  ACCOUNT_LAST_ADMIN: "Không thể khóa hoặc đổi vai trò của quản trị viên cuối cùng còn hoạt động.",
};

export type TAccountDecision = { ok: true } | { ok: false; code: TAccountRefusalCode; message: string };

/** Who is acting: an administrator, or staff of one district (districtId) or of the department (null). */
export type TAccountActor = { id: string; role: Role; districtId: string | null };
/** An account as it is (disabled or not), or as a change would leave it. */
export type TManagedAccount = { id?: string; role: Role; districtId: string | null; disabled?: boolean };

const ALLOWED: TAccountDecision = { ok: true };

function refuse(code: TAccountRefusalCode): TAccountDecision & { ok: false } {
  return { ok: false, code, message: ACCOUNT_REFUSAL_MESSAGES[code] };
}

/**
 * Whether the actor may see and manage this account. Administrators manage every account.
 * Staff manage teachers, students and bridge-point rooms: district staff those of their own
 * district, department staff (no district) those of every district. Nobody else manages accounts.
 */
export function canManageAccount(actor: TAccountActor, account: TManagedAccount): TAccountDecision {
  if (actor.role === "ADMIN") return ALLOWED;
  if (actor.role !== "STAFF") return refuse("ACCOUNT_MANAGE_FORBIDDEN");
  if (!(STAFF_MANAGED_ROLES as readonly Role[]).includes(account.role)) return refuse("ACCOUNT_ROLE_ADMIN_ONLY");
  if (actor.districtId !== null && account.districtId !== actor.districtId) return refuse("ACCOUNT_OUT_OF_DISTRICT");
  return ALLOWED;
}

/**
 * Whether the actor may turn `before` into `after` (creating when `before` is null): both must be
 * theirs to manage, so staff can neither take an account out of their scope nor raise one into
 * ADMIN or STAFF. The last active administrator keeps the ADMIN role.
 */
export function canChangeAccount(
  actor: TAccountActor,
  before: TManagedAccount | null,
  after: TManagedAccount,
  { activeAdmins }: { activeAdmins: number },
): TAccountDecision {
  if (before) {
    const current = canManageAccount(actor, before);
    if (!current.ok) return current;
  }
  const next = canManageAccount(actor, after);
  if (!next.ok) return next;
  if (before?.role === "ADMIN" && !before.disabled && after.role !== "ADMIN" && activeAdmins <= 1) return refuse("ACCOUNT_LAST_ADMIN");
  return ALLOWED;
}

/** Whether the actor may disable this (active) account: theirs to manage, not their own, not the last active administrator. */
export function canDisableAccount(actor: TAccountActor, account: TManagedAccount & { id: string }, { activeAdmins }: { activeAdmins: number }): TAccountDecision {
  const manage = canManageAccount(actor, account);
  if (!manage.ok) return manage;
  if (account.id === actor.id) return refuse("ACCOUNT_SELF_DISABLE");
  if (account.role === "ADMIN" && activeAdmins <= 1) return refuse("ACCOUNT_LAST_ADMIN");
  return ALLOWED;
}

/** The roles that may open account management at all (what each may do is canManageAccount's). */
export const ACCOUNT_MANAGER_ROLES = ["ADMIN", "STAFF"] as const satisfies readonly Role[];

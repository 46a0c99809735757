import type { Db } from "@diemcau/db";

/** Account and service token actions kept in the audit log (shown to administrators at /quan-tri/nhat-ky). */
export const AUDIT_ACTIONS = [
  "account.create",
  "account.update",
  "account.role-change",
  "account.disable",
  "account.enable",
  "account.import",
  "password.change",
  "password.reset-link",
  "password.reset",
  "admin.first",
  "service-token.create",
  "service-token.revoke",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

type TAuditDb = Pick<Db, "auditLog">;

/** One entry: who acted (null for the system), what they did, to which account, and details without secrets. */
export type TAuditEntryInput = { actorId: string | null; action: TAuditAction; targetUserId?: string | null; details?: Record<string, unknown> };

export async function recordAudit(db: TAuditDb, entry: TAuditEntryInput): Promise<void> {
  await recordAudits(db, [entry]);
}

export async function recordAudits(db: TAuditDb, entries: readonly TAuditEntryInput[]): Promise<void> {
  await db.auditLog.createMany({
    data: entries.map((entry) => ({
      actorId: entry.actorId,
      action: entry.action,
      targetUserId: entry.targetUserId ?? null,
      details: entry.details as object | undefined,
    })),
  });
}

import type { Db } from "@diemcau/db";

/** Account actions kept in the audit log (shown to administrators at /quan-tri/nhat-ky). */
export type TAuditAction =
  | "account.create"
  | "account.update"
  | "account.disable"
  | "account.enable"
  | "account.import"
  | "password.change"
  | "password.reset-link"
  | "password.reset"
  | "admin.first";

type TAuditDb = Pick<Db, "auditLog">;

export async function recordAudit(
  db: TAuditDb,
  entry: { actorId: string | null; action: TAuditAction; targetUserId?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db.auditLog.create({
    data: { actorId: entry.actorId, action: entry.action, targetUserId: entry.targetUserId ?? null, details: entry.details as object | undefined },
  });
}

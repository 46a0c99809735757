import type { AuditLogWhereInput, Db } from "@diemcau/db";
import { z } from "zod";
import type { TAccountActor } from "./account-scope";
import { manageableAccountsWhere } from "./manageable-accounts-where";

export const AUDIT_PAGE_SIZE = 50;

/** The log's query string: ?tai-khoan=<account id>&trang= (bad values are ignored). */
export const ZAuditFilterSchema = z.object({
  accountId: z.string().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type TAuditFilter = z.output<typeof ZAuditFilterSchema>;

const person = { select: { id: true, name: true, email: true } } as const;

/**
 * Who did what to which account, newest first. Administrators see every entry; staff the entries
 * about accounts they manage. Filtered by an account: what it did and what was done to it.
 */
export async function listAuditLog(db: Db, actor: TAccountActor, filter: TAuditFilter) {
  const where: AuditLogWhereInput = {
    AND: [
      actor.role === "ADMIN" ? {} : { target: manageableAccountsWhere(actor) },
      filter.accountId ? { OR: [{ actorId: filter.accountId }, { targetUserId: filter.accountId }] } : {},
    ],
  };
  const [total, items] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      select: { id: true, action: true, details: true, createdAt: true, actor: person, target: person },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return { total, items, page: filter.page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
export type TAuditEntry = Awaited<ReturnType<typeof listAuditLog>>["items"][number];

import type { Db, UserWhereInput } from "@diemcau/db";
import { z } from "zod";
import type { TAccountActor } from "./account-scope";
import { ROLES } from "./account-input";
import { manageableAccountsWhere } from "./manageable-accounts-where";

export const ACCOUNTS_PAGE_SIZE = 25;

/** The list's query string: ?q=&vai-tro=&huyen=&trang-thai=&mau=&trang= (bad values are ignored). */
export const ZAccountFilterSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  role: z.enum(ROLES).optional().catch(undefined),
  districtId: z.string().max(64).optional().catch(undefined),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
  demo: z.enum(["yes", "no"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type TAccountFilter = z.output<typeof ZAccountFilterSchema>;

const listSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  school: true,
  studentCode: true,
  isDemo: true,
  mustChangePassword: true,
  disabledAt: true,
  district: { select: { id: true, name: true } },
} as const;

/**
 * The accounts the actor manages, filtered, a page at a time, by name. The search matches
 * name, email and mã định danh without diacritics ("nguyen thi" finds "Nguyễn Thị"), folded by
 * the same database function as the stored column.
 */
export async function listAccounts(db: Db, actor: TAccountActor, filter: TAccountFilter) {
  const folded = filter.q ? (await db.$queryRaw<{ folded: string }[]>`SELECT diemcau_fold(${filter.q}) AS folded`)[0]!.folded : null;
  const where: UserWhereInput = {
    AND: [
      manageableAccountsWhere(actor),
      folded ? { searchText: { contains: folded } } : {},
      filter.role ? { role: filter.role } : {},
      filter.districtId ? { districtId: filter.districtId } : {},
      filter.status ? { disabledAt: filter.status === "disabled" ? { not: null } : null } : {},
      filter.demo ? { isDemo: filter.demo === "yes" } : {},
    ],
  };
  const [total, items] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      select: listSelect,
      // The folded text sorts "Đ" with "D" and ignores tone marks, as a Vietnamese reader expects.
      orderBy: [{ searchText: "asc" }, { id: "asc" }],
      skip: (filter.page - 1) * ACCOUNTS_PAGE_SIZE,
      take: ACCOUNTS_PAGE_SIZE,
    }),
  ]);
  return { total, items, page: filter.page, pageCount: Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE)) };
}
export type TAccountListItem = Awaited<ReturnType<typeof listAccounts>>["items"][number];

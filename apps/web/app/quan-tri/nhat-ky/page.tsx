import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { ROLES } from "@/lib/accounts/account-input";
import { ACCOUNT_MANAGER_ROLES } from "@/lib/accounts/account-scope";
import { listAuditLog, ZAuditFilterSchema } from "@/lib/accounts/list-audit-log";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { requireRole } from "@/lib/auth/require-user";
import { formatDateTime } from "@diemcau/calendar/display-date";
import { Pagination } from "@/components/pagination";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auditLog"))("title") };
}

type TTranslate = Awaited<ReturnType<typeof getTranslations<"auditLog">>>;

/**
 * Details of an entry as a short line in the reader's language ("vai trò: Học sinh → Giáo viên;
 * huyện: — → Đông Hà"), with districts, bridge points and roles by name. Never holds a secret.
 */
function describeDetails(details: unknown, t: TTranslate, names: Map<string, string>): string {
  if (!details || typeof details !== "object") return "";
  const label = (key: string) => (t.has(`detail.${key}`) ? t(`detail.${key}`) : key);
  const value = (v: unknown): string => {
    if (v === null || v === undefined || v === "") return "—";
    if (Array.isArray(v)) return v.map((item) => label(String(item))).join(", ");
    const text = String(v);
    return names.get(text) ?? (t.has(`value.${text}`) ? t(`value.${text}`) : text);
  };
  return Object.entries(details as Record<string, unknown>)
    .map(([key, v]) => {
      if (key === "changed" && v && typeof v === "object") {
        return Object.entries(v as Record<string, { from: unknown; to: unknown }>)
          .map(([field, change]) => `${label(field)}: ${value(change.from)} → ${value(change.to)}`)
          .join("; ");
      }
      return `${label(key)}: ${value(v)}`;
    })
    .join("; ");
}

/** Who did what to which account: administrators see everything, staff the accounts they manage. */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ "tai-khoan"?: string; trang?: string }> }) {
  const user = await requireRole(...ACCOUNT_MANAGER_ROLES);
  const query = await searchParams;
  const filter = ZAuditFilterSchema.parse({ accountId: query["tai-khoan"] || undefined, page: query.trang });
  const [t, tRoles, districts, bridgePoints, log, account] = await Promise.all([
    getTranslations("auditLog"),
    getTranslations("roles"),
    prisma.district.findMany({ select: { id: true, name: true } }),
    prisma.bridgePoint.findMany({ select: { id: true, name: true } }),
    listAuditLog(prisma, await loadAccountActor(prisma, user), filter),
    filter.accountId ? prisma.user.findUnique({ where: { id: filter.accountId }, select: { name: true, email: true } }) : null,
  ]);
  const names = new Map<string, string>([
    ...[...districts, ...bridgePoints].map((row) => [row.id, row.name] as const),
    ...ROLES.map((role) => [role, tRoles(role)] as const),
  ]);
  const href = (params: { account?: string; page?: number }) => {
    const search = new URLSearchParams();
    if (params.account) search.set("tai-khoan", params.account);
    if (params.page && params.page > 1) search.set("trang", String(params.page));
    return `/quan-tri/nhat-ky${search.size > 0 ? `?${search}` : ""}`;
  };
  const who = (person: { id: string; name: string; email: string } | null, fallback: string) =>
    person ? <Link href={href({ account: person.id })} title={person.email}>{person.name}</Link> : <span className="muted">{fallback}</span>;
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {filter.accountId && (
        <p className="flash">
          {t("filtered", { name: account ? `${account.name} (${account.email})` : filter.accountId })} · <Link href={href({})}>{t("clear")}</Link>
        </p>
      )}
      {log.items.length === 0 ? (
        <p className="empty">{t("none")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">{t("time")}</th>
                <th scope="col">{t("actor")}</th>
                <th scope="col">{t("action")}</th>
                <th scope="col">{t("target")}</th>
                <th scope="col">{t("details")}</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((entry) => (
                <tr key={entry.id}>
                  <td className="nowrap">
                    <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time>
                  </td>
                  <td>{who(entry.actor, t("system"))}</td>
                  <td>{t.has(`actions.${entry.action}`) ? t(`actions.${entry.action}`) : entry.action}</td>
                  <td>{who(entry.target, "—")}</td>
                  <td className="muted">{describeDetails(entry.details, t, names)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={log.page} pageCount={log.pageCount} href={(page) => href({ account: filter.accountId, page })} />
    </>
  );
}

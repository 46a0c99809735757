import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { ACCOUNT_MANAGER_ROLES } from "@/lib/accounts/account-scope";
import { listAccounts, ZAccountFilterSchema } from "@/lib/accounts/list-accounts";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { loadAccountFormOptions } from "@/lib/accounts/load-account-form-options";
import { requireRole } from "@/lib/auth/require-user";
import { Pagination } from "@/components/pagination";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("title") };
}

type TQuery = Record<"q" | "vai-tro" | "huyen" | "trang-thai" | "mau" | "trang", string | undefined>;

/** Accounts the viewer manages: search (name, email, mã định danh, without diacritics), filters, pages. */
export default async function AccountsPage({ searchParams }: { searchParams: Promise<TQuery> }) {
  const user = await requireRole(...ACCOUNT_MANAGER_ROLES);
  const query = await searchParams;
  const actor = await loadAccountActor(prisma, user);
  const filter = ZAccountFilterSchema.parse({
    q: query.q,
    role: query["vai-tro"] || undefined,
    districtId: query.huyen || undefined,
    status: query["trang-thai"] || undefined,
    demo: query.mau || undefined,
    page: query.trang,
  });
  const [t, tRoles, list, options] = await Promise.all([getTranslations("accounts"), getTranslations("roles"), listAccounts(prisma, actor, filter), loadAccountFormOptions(prisma, actor)]);
  const pageHref = (page: number) => {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => !!entry[1] && entry[0] !== "trang"));
    params.set("trang", String(page));
    return `/quan-tri/tai-khoan?${params}`;
  };
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="inline-form">
        <Link className="button" href="/quan-tri/tai-khoan/moi">
          {t("new")}
        </Link>
        <Link className="button" href="/quan-tri/tai-khoan/nhap">
          {t("import")}
        </Link>
        <Link href="/quan-tri/nhat-ky">{t("auditLog")}</Link>
      </p>
      <form className="inline-form filters" method="get" role="search" aria-label={t("searchLabel")}>
        <label className="field">
          {t("search")}
          <input type="search" name="q" defaultValue={filter.q} placeholder={t("searchPlaceholder")} />
        </label>
        <label className="field">
          {t("fields.role")}
          <select name="vai-tro" defaultValue={filter.role ?? ""}>
            <option value="">{t("all")}</option>
            {options.roles.map((role) => (
              <option key={role} value={role}>
                {tRoles(role)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t("fields.district")}
          <select name="huyen" defaultValue={filter.districtId ?? ""}>
            <option value="">{t("all")}</option>
            {options.districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t("status")}
          <select name="trang-thai" defaultValue={filter.status ?? ""}>
            <option value="">{t("all")}</option>
            <option value="active">{t("active")}</option>
            <option value="disabled">{t("disabled")}</option>
          </select>
        </label>
        <label className="field">
          {t("demoFilter")}
          <select name="mau" defaultValue={filter.demo ?? ""}>
            <option value="">{t("all")}</option>
            <option value="yes">{t("demoOnly")}</option>
            <option value="no">{t("realOnly")}</option>
          </select>
        </label>
        <button className="button button--small" type="submit">
          {t("filter")}
        </button>
      </form>
      <p className="muted" role="status">
        {t("found", { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        <p className="empty">{t("none")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="accounts">
            <thead>
              <tr>
                <th scope="col">{t("fields.name")}</th>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">{t("fields.studentCode")}</th>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("fields.district")}</th>
                <th scope="col">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((account) => (
                <tr key={account.id}>
                  <th scope="row">
                    <Link href={`/quan-tri/tai-khoan/${account.id}`}>{account.name}</Link>
                    {account.isDemo && (
                      <span className="badge badge--demo" title={t("demoHint")}>
                        {t("demo")}
                      </span>
                    )}
                  </th>
                  <td>{account.email}</td>
                  <td>{account.studentCode ?? ""}</td>
                  <td>{tRoles(account.role)}</td>
                  <td>{account.district?.name ?? "—"}</td>
                  <td>
                    {account.disabledAt ? (
                      <span className="status status--disabled">{t("disabled")}</span>
                    ) : account.mustChangePassword ? (
                      <span className="status status--late">{t("mustChange")}</span>
                    ) : (
                      <span className="status status--scheduled">{t("active")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} href={pageHref} />
    </>
  );
}

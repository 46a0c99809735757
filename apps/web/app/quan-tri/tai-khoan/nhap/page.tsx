import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ACCOUNT_MANAGER_ROLES } from "@/lib/accounts/account-scope";
import { ACCOUNT_IMPORT_MAX_ROWS } from "@/lib/accounts/import-accounts";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { loadAccountFormOptions } from "@/lib/accounts/load-account-form-options";
import { requireRole } from "@/lib/auth/require-user";
import { ImportAccountsForm } from "./import-accounts-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accountImport"))("title") };
}

export default async function ImportAccountsPage() {
  const user = await requireRole(...ACCOUNT_MANAGER_ROLES);
  const [t, options] = await Promise.all([getTranslations("accountImport"), loadAccountFormOptions(prisma, await loadAccountActor(prisma, user))]);
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro", { max: ACCOUNT_IMPORT_MAX_ROWS })}</p>
      <ul className="muted">
        <li>{t("columns")}</li>
        <li>{t("matching")}</li>
        <li>{t("allOrNothing")}</li>
      </ul>
      <ImportAccountsForm districts={options.districts} fixedDistrictId={options.fixedDistrictId} />
    </>
  );
}

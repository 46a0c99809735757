import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ACCOUNT_MANAGER_ROLES } from "@/lib/accounts/account-scope";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { loadAccountFormOptions } from "@/lib/accounts/load-account-form-options";
import { requireRole } from "@/lib/auth/require-user";
import { AccountForm } from "../account-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("newTitle") };
}

export default async function NewAccountPage() {
  const user = await requireRole(...ACCOUNT_MANAGER_ROLES);
  const [t, options] = await Promise.all([getTranslations("accounts"), loadAccountFormOptions(prisma, await loadAccountActor(prisma, user))]);
  const initial = {
    name: "",
    email: "",
    role: options.roles.includes("TEACHER") ? ("TEACHER" as const) : options.roles[0]!,
    districtId: options.fixedDistrictId ?? "",
    school: "",
    bridgePointId: "",
    studentCode: "",
  };
  return (
    <>
      <h1>{t("newTitle")}</h1>
      <AccountForm initial={initial} options={options} />
    </>
  );
}

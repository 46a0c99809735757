import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ACCOUNT_MANAGER_ROLES, canManageAccount } from "@/lib/accounts/account-scope";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { loadAccountFormOptions } from "@/lib/accounts/load-account-form-options";
import { requireRole } from "@/lib/auth/require-user";
import { formatDateTime } from "@diemcau/calendar/display-date";
import { AccountForm } from "../account-form";
import { AccountActions } from "./account-actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("editTitle") };
}

/** One account: its fields to edit, disable or enable it, and a reset link to hand over. */
export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole(...ACCOUNT_MANAGER_ROLES);
  const { id } = await params;
  const actor = await loadAccountActor(prisma, user);
  const account = await prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      districtId: true,
      school: true,
      bridgePointId: true,
      studentCode: true,
      isDemo: true,
      mustChangePassword: true,
      disabledAt: true,
      passwordChangedAt: true,
      createdAt: true,
    },
  });
  if (!account) notFound();
  if (!canManageAccount(actor, account).ok) forbidden();
  const [t, options] = await Promise.all([getTranslations("accounts"), loadAccountFormOptions(prisma, actor)]);
  const initial = {
    name: account.name,
    email: account.email,
    role: account.role,
    districtId: account.districtId ?? "",
    school: account.school ?? "",
    bridgePointId: account.bridgePointId ?? "",
    studentCode: account.studentCode ?? "",
  };
  return (
    <>
      <h1>
        {account.name}
        {account.isDemo && (
          <span className="badge badge--demo" title={t("demoHint")}>
            {t("demo")}
          </span>
        )}
      </h1>
      <p className="muted">
        {t("createdAt", { date: formatDateTime(account.createdAt) })}
        {" · "}
        {account.passwordChangedAt ? t("passwordChangedAt", { date: formatDateTime(account.passwordChangedAt) }) : t("passwordNeverChanged")}
        {" · "}
        <Link href={`/quan-tri/nhat-ky?tai-khoan=${account.id}`}>{t("historyLink")}</Link>
      </p>
      <AccountActions accountId={account.id} disabled={account.disabledAt !== null} mustChangePassword={account.mustChangePassword} self={account.id === user.id} />
      <h2>{t("editTitle")}</h2>
      <AccountForm accountId={account.id} initial={initial} options={options} />
    </>
  );
}

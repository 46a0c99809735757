import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-policy";
import { findLiveAccountToken } from "@/lib/accounts/redeem-account-token";
import { TokenAccountForm } from "@/components/token-account-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("firstAdmin"))("title") };
}

/** A production install's first administrator, through the one-time link `npm start` printed. */
export default async function FirstAdminPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, live] = await Promise.all([getTranslations("firstAdmin"), findLiveAccountToken(prisma, "FIRST_ADMIN", token)]);
  return (
    <section className="sign-in" aria-labelledby="first-admin-title">
      <h1 id="first-admin-title">{t("title")}</h1>
      {live ? (
        <>
          <p className="muted">{t("intro", { min: MIN_PASSWORD_LENGTH })}</p>
          <TokenAccountForm kind="first-admin" token={token} />
        </>
      ) : (
        <p className="notice" role="alert">
          {t("invalid")}
        </p>
      )}
    </section>
  );
}

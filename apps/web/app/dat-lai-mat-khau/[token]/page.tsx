import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-policy";
import { findLiveAccountToken } from "@/lib/accounts/redeem-account-token";
import { TokenAccountForm } from "@/components/token-account-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("resetPassword"))("title") };
}

/** A new password through a one-time reset link from an administrator or district staff. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, live] = await Promise.all([getTranslations("resetPassword"), findLiveAccountToken(prisma, "PASSWORD_RESET", token)]);
  return (
    <section className="sign-in" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("title")}</h1>
      {live?.user && !live.user.disabledAt ? (
        <>
          <p className="muted">{t("intro", { email: live.user.email, min: MIN_PASSWORD_LENGTH })}</p>
          <TokenAccountForm kind="reset" token={token} email={live.user.email} />
        </>
      ) : (
        <p className="notice" role="alert">
          {t("invalid")}
        </p>
      )}
    </section>
  );
}

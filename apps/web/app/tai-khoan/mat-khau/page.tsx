import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-policy";
import { getSessionUser, SIGN_IN_PATH } from "@/lib/auth/require-user";
import { ChangePasswordForm } from "./change-password-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("password"))("title") };
}

/** Choosing a new password: on purpose from the account page, or forced after a seeded or reset one. */
export default async function ChangePasswordPage() {
  const user = await getSessionUser();
  if (!user) redirect(SIGN_IN_PATH);
  const t = await getTranslations("password");
  return (
    <section className="sign-in" aria-labelledby="password-title">
      <h1 id="password-title">{t("title")}</h1>
      {user.mustChangePassword ? (
        <p className="notice" role="status" data-testid="password-required">
          {t("required")}
        </p>
      ) : null}
      <p className="muted">{t("rules", { min: MIN_PASSWORD_LENGTH })}</p>
      <ChangePasswordForm email={user.email} />
    </section>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ROLE_HOME } from "@/lib/auth/role-home";
import { CHANGE_PASSWORD_PATH, getSessionUser } from "@/lib/auth/require-user";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage() {
  const user = await getSessionUser();
  if (user) redirect(user.mustChangePassword ? CHANGE_PASSWORD_PATH : ROLE_HOME[user.role]);
  const t = await getTranslations();
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t("signIn.title")}</h1>
      <p className="muted">{t("signIn.intro")}</p>
      <SignInForm />
    </section>
  );
}

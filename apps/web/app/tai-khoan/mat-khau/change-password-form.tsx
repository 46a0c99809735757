"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations("password");
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<TFormError | null>(null);
  const [pending, setPending] = useState(false);
  const invalid = (field: string) => (error?.field === field ? true : undefined);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) {
      setError({ code: "PASSWORD_MISMATCH", message: t("mismatch"), field: "confirmPassword" });
      return;
    }
    setPending(true);
    setError(null);
    const result = await sendJson("/api/account/password", "POST", { currentPassword: String(form.get("currentPassword") ?? ""), newPassword });
    if (!result.ok) {
      setError(result.error);
      setPending(false);
      return;
    }
    // The change ended every session of the account, this one too: sign in again with the new password.
    await signIn("credentials", { redirect: false, email, password: newPassword });
    window.location.assign("/tai-khoan?mat-khau=moi");
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="currentPassword">{t("current")}</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required aria-invalid={invalid("currentPassword")} />
      </div>
      <div className="field">
        <label htmlFor="newPassword">{t("new")}</label>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required aria-invalid={invalid("newPassword")} />
      </div>
      <div className="field">
        <label htmlFor="confirmPassword">{t("confirm")}</label>
        <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required aria-invalid={invalid("confirmPassword")} />
      </div>
      <p role="alert" className="form__error" data-code={error?.code}>
        {error ? errorMessage(error) : null}
      </p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("saving") : t("submit")}
      </button>
    </form>
  );
}

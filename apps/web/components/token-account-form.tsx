"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";

type TProps = { kind: "first-admin"; token: string } | { kind: "reset"; token: string; email: string };

/** The form behind a one-time link: the first administrator's account, or a reset password. Signs in after. */
export function TokenAccountForm(props: TProps) {
  const t = useTranslations("tokenForm");
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<TFormError | null>(null);
  const [pending, setPending] = useState(false);
  const invalid = (field: string) => (error?.field === field ? true : undefined);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirmPassword") ?? "")) {
      setError({ code: "PASSWORD_MISMATCH", message: "", field: "confirmPassword" });
      return;
    }
    setPending(true);
    setError(null);
    const result =
      props.kind === "first-admin"
        ? await sendJson<{ email: string }>("/api/account/first-admin", "POST", {
            token: props.token,
            name: String(form.get("name") ?? ""),
            email: String(form.get("email") ?? ""),
            password,
          })
        : await sendJson<{ email: string }>("/api/account/reset-password", "POST", { token: props.token, password });
    if (!result.ok) {
      setError(result.error);
      setPending(false);
      return;
    }
    await signIn("credentials", { redirect: false, email: result.data.email, password });
    window.location.assign("/");
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      {props.kind === "first-admin" ? (
        <>
          <div className="field">
            <label htmlFor="name">{t("name")}</label>
            <input id="name" name="name" required maxLength={120} autoComplete="name" aria-invalid={invalid("name")} />
          </div>
          <div className="field">
            <label htmlFor="email">{t("email")}</label>
            <input id="email" name="email" type="email" required autoComplete="username" aria-invalid={invalid("email")} />
          </div>
        </>
      ) : (
        <input type="hidden" name="email" autoComplete="username" value={props.email} />
      )}
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" required autoComplete="new-password" aria-invalid={invalid("newPassword")} />
      </div>
      <div className="field">
        <label htmlFor="confirmPassword">{t("confirm")}</label>
        <input id="confirmPassword" name="confirmPassword" type="password" required autoComplete="new-password" aria-invalid={invalid("confirmPassword")} />
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

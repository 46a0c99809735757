"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { parseSignInError } from "@/lib/auth/sign-in-error";

export function SignInForm() {
  const t = useTranslations("signIn");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    if (result && !result.error && result.ok) {
      // A full navigation, so the server renders "/" with the new session cookie and redirects by role.
      window.location.assign("/");
      return;
    }
    const failure = parseSignInError(result?.error) ?? { code: "AUTH_INVALID_CREDENTIALS" as const };
    setError(
      failure.code === "AUTH_LOCKED" ? t("errors.AUTH_LOCKED", { minutes: failure.minutes ?? 15 }) : t(`errors.${failure.code}`),
    );
    setPending(false);
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-describedby={error ? "sign-in-error" : undefined}>
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required aria-invalid={error ? true : undefined} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
        />
      </div>
      <p id="sign-in-error" role="alert" className="form__error">
        {error}
      </p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("pending") : t("submit")}
      </button>
    </form>
  );
}

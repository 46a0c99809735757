"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyField } from "@/components/copy-field";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";

/** Disable or enable the account, and issue a one-time link to choose a new password. */
export function AccountActions({ accountId, disabled, mustChangePassword, self }: { accountId: string; disabled: boolean; mustChangePassword: boolean; self: boolean }) {
  const t = useTranslations("accounts");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<TFormError | null>(null);
  const [pending, setPending] = useState(false);
  const [link, setLink] = useState<string | null>(null);

  async function run<T>(path: string, onDone: (data: T) => void) {
    setPending(true);
    setError(null);
    const result = await sendJson<T>(`/api/accounts/${accountId}/${path}`, "POST");
    setPending(false);
    if (result.ok) onDone(result.data);
    else setError(result.error);
  }

  return (
    <section className="card card--wide" aria-labelledby="account-state">
      <h2 id="account-state">
        {t("state")}:{" "}
        <span className={`status ${disabled ? "status--disabled" : "status--scheduled"}`} data-testid="account-status">
          {disabled ? t("disabled") : t("active")}
        </span>
        {!disabled && mustChangePassword && <span className="status status--late">{t("mustChange")}</span>}
      </h2>
      <p className="inline-form">
        {disabled ? (
          <button type="button" className="button" disabled={pending} onClick={() => run("enable", () => router.refresh())}>
            {t("enable")}
          </button>
        ) : (
          <button
            type="button"
            className="button button--danger"
            disabled={pending || self}
            onClick={() => {
              if (window.confirm(t("disableConfirm"))) void run("disable", () => router.refresh());
            }}
          >
            {t("disableAction")}
          </button>
        )}
        {!disabled && (
          <button type="button" className="button" disabled={pending} onClick={() => run<{ url: string }>("reset-link", (data) => setLink(data.url))}>
            {t("resetLink")}
          </button>
        )}
      </p>
      {link && <CopyField id="reset-link" label={t("resetLinkLabel")} value={link} hint={t("linkHint")} />}
      {error && (
        <p role="alert" className="form__error" data-code={error.code}>
          {errorMessage(error)}
        </p>
      )}
    </section>
  );
}

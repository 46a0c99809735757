"use client";

import type { Role } from "@diemcau/db";
import { Link } from "@/components/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyField } from "@/components/copy-field";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import type { TAccountFormOptions } from "@/lib/accounts/load-account-form-options";
import { useErrorMessage } from "@/lib/errors/use-error-message";
import styles from "../../su-kien/event.module.css";

export type TAccountFormValues = {
  name: string;
  email: string;
  role: Role;
  districtId: string;
  school: string;
  bridgePointId: string;
  studentCode: string;
};

type TCreated = { id: string; email: string; link: { url: string; expiresAt: string } | null };

/** Creates an account (accountId absent) or edits one; a new account gets a one-time link or a temporary password. */
export function AccountForm({ accountId, initial, options }: { accountId?: string; initial: TAccountFormValues; options: TAccountFormOptions }) {
  const t = useTranslations("accounts");
  const tRoles = useTranslations("roles");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState(initial);
  const [passwordKind, setPasswordKind] = useState<"link" | "temporary">("link");
  const [temporaryPassword, setTemporaryPassword] = useState("");
  const [error, setError] = useState<TFormError | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [created, setCreated] = useState<TCreated | null>(null);
  const set = <K extends keyof TAccountFormValues>(key: K, value: TAccountFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  const isRoom = values.role === "BRIDGE_POINT";

  if (created) {
    return (
      <section className="card card--wide" aria-labelledby="created-title" data-testid="account-created">
        <h2 id="created-title">{t("created", { email: created.email })}</h2>
        {created.link ? (
          <CopyField id="setup-link" label={t("setupLink")} value={created.link.url} hint={t("linkHint")} />
        ) : (
          <p>{t("temporarySet")}</p>
        )}
        <p>
          <Link href={`/quan-tri/tai-khoan/${created.id}`}>{t("openAccount")}</Link> · <Link href="/quan-tri/tai-khoan">{t("backToList")}</Link>
        </p>
      </section>
    );
  }

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        setSaved(false);
        const body = { ...values, districtId: isRoom ? null : values.districtId, bridgePointId: isRoom ? values.bridgePointId : null };
        if (accountId) {
          const result = await sendJson<{ id: string }>(`/api/accounts/${accountId}`, "PATCH", body);
          setPending(false);
          if (!result.ok) return setError(result.error);
          setSaved(true);
          router.refresh();
        } else {
          const password = passwordKind === "link" ? { kind: "link" } : { kind: "temporary", password: temporaryPassword };
          const result = await sendJson<TCreated>("/api/accounts", "POST", { ...body, password });
          setPending(false);
          if (!result.ok) return setError(result.error);
          setCreated(result.data);
        }
      }}
    >
      <div className="field">
        <label htmlFor="account-name">{t("fields.name")}</label>
        <input id="account-name" type="text" value={values.name} onChange={(e) => set("name", e.target.value)} aria-invalid={invalid("name")} />
      </div>
      <div className="field">
        <label htmlFor="account-email">{t("fields.email")}</label>
        <input id="account-email" type="email" value={values.email} onChange={(e) => set("email", e.target.value)} aria-invalid={invalid("email")} autoComplete="off" />
      </div>
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="account-role">{t("fields.role")}</label>
          <select id="account-role" value={values.role} onChange={(e) => set("role", e.target.value as Role)} aria-invalid={invalid("role")}>
            {options.roles.map((role) => (
              <option key={role} value={role}>
                {tRoles(role)}
              </option>
            ))}
          </select>
        </div>
        {isRoom ? (
          <div className="field">
            <label htmlFor="account-bridge-point">{t("fields.bridgePoint")}</label>
            <select id="account-bridge-point" value={values.bridgePointId} onChange={(e) => set("bridgePointId", e.target.value)} aria-invalid={invalid("bridgePointId")}>
              <option value="">{t("choose")}</option>
              {options.bridgePoints.map((bp) => (
                <option key={bp.id} value={bp.id}>
                  {bp.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="account-district">{t("fields.district")}</label>
            <select id="account-district" value={values.districtId} onChange={(e) => set("districtId", e.target.value)} aria-invalid={invalid("districtId")}>
              {options.fixedDistrictId ? null : <option value="">{t("noDistrict")}</option>}
              {options.districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="account-school">{t("fields.school")}</label>
          <input id="account-school" type="text" value={values.school} onChange={(e) => set("school", e.target.value)} aria-invalid={invalid("school")} />
        </div>
        <div className="field">
          <label htmlFor="account-code">{t("fields.studentCode")}</label>
          <input id="account-code" type="text" inputMode="numeric" value={values.studentCode} onChange={(e) => set("studentCode", e.target.value)} aria-invalid={invalid("studentCode")} />
        </div>
      </div>
      {accountId ? null : (
        <fieldset className={styles.choices}>
          <legend>{t("passwordChoice")}</legend>
          <label>
            <input type="radio" name="password-kind" checked={passwordKind === "link"} onChange={() => setPasswordKind("link")} />
            {t("passwordLink")}
          </label>
          <label>
            <input type="radio" name="password-kind" checked={passwordKind === "temporary"} onChange={() => setPasswordKind("temporary")} />
            {t("passwordTemporary")}
          </label>
          {passwordKind === "temporary" && (
            <div className="field">
              <label htmlFor="account-temporary">{t("temporaryPassword")}</label>
              <input id="account-temporary" type="text" autoComplete="off" value={temporaryPassword} onChange={(e) => setTemporaryPassword(e.target.value)} aria-invalid={invalid("password")} />
              <p className={styles.hint}>{t("temporaryHint")}</p>
            </div>
          )}
        </fieldset>
      )}
      {error && (
        <p role="alert" className={styles.error} data-code={error.code}>
          {errorMessage(error)}
        </p>
      )}
      {saved && (
        <p role="status" className={styles.success}>
          {t("saved")}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("saving") : accountId ? t("save") : t("create")}
        </button>
      </div>
    </form>
  );
}

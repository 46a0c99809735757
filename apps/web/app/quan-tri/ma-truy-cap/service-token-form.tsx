"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyField } from "@/components/copy-field";
import { FormRefusal } from "@/components/form-refusal";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import styles from "../../su-kien/event.module.css";

/** Makes a token: a name, what it may read, optionally one district; the token is shown once. */
export function ServiceTokenForm({ districts, scopes }: { districts: { id: string; name: string }[]; scopes: string[] }) {
  const t = useTranslations("serviceTokens");
  const router = useRouter();
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string[]>(scopes);
  const [districtId, setDistrictId] = useState("");
  const [error, setError] = useState<TFormError | null>(null);
  const [pending, setPending] = useState(false);
  const [token, setToken] = useState<string | null>(null);

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        const result = await sendJson<{ id: string; token: string }>("/api/service-tokens", "POST", { name, scopes: chosen, districtId: districtId || null });
        setPending(false);
        if (!result.ok) return setError(result.error);
        setToken(result.data.token);
        setName("");
        router.refresh();
      }}
    >
      {token ? <CopyField id="service-token" label={t("created")} value={token} hint={t("shownOnce")} /> : null}
      <div className="field">
        <label htmlFor="token-name">{t("fields.name")}</label>
        <input id="token-name" type="text" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={error?.field === "name" ? true : undefined} />
      </div>
      <fieldset className={styles.choices}>
        <legend>{t("fields.scopes")}</legend>
        {scopes.map((scope) => (
          <label key={scope}>
            <input
              type="checkbox"
              checked={chosen.includes(scope)}
              onChange={(e) => setChosen((current) => (e.target.checked ? [...current, scope] : current.filter((s) => s !== scope)))}
            />{" "}
            {t(`scopes.${scope}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="token-district">{t("fields.district")}</label>
        <select id="token-district" value={districtId} onChange={(e) => setDistrictId(e.target.value)}>
          <option value="">{t("allDistricts")}</option>
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      {error ? <FormRefusal error={error} /> : null}
      <button className="button" type="submit" disabled={pending}>
        {t("create")}
      </button>
    </form>
  );
}

/** Revokes one token after a confirmation. */
export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("serviceTokens");
  const router = useRouter();
  const [error, setError] = useState<TFormError | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button--small button--danger"
        aria-label={t("revokeNamed", { name })}
        onClick={async () => {
          if (!window.confirm(t("confirmRevoke", { name }))) return;
          const result = await sendJson(`/api/service-tokens/${id}`, "DELETE");
          if (!result.ok) return setError(result.error);
          router.refresh();
        }}
      >
        {t("revoke")}
      </button>
      {error ? <FormRefusal error={error} /> : null}
    </>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { sendForm, type TFormError } from "@/lib/api/send-json";
import { FormRefusal } from "@/components/form-refusal";
import styles from "../../../su-kien/event.module.css";

type TImported = { created: number; updated: number; unchanged: number; passwords: { name: string; base64: string } | null };

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function downloadUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
}

/** Sends a CSV or XLSX list; on success, the new accounts' temporary passwords to download once. */
export function ImportAccountsForm({ districts, fixedDistrictId }: { districts: { id: string; name: string }[]; fixedDistrictId: string | null }) {
  const t = useTranslations("accountImport");
  const tRoles = useTranslations("roles");
  const [error, setError] = useState<TFormError | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<(TImported & { url: string | null }) | null>(null);
  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        setDone(null);
        const result = await sendForm<TImported>("/api/accounts/import", new FormData(e.currentTarget));
        setPending(false);
        if (!result.ok) return setError(result.error);
        setDone({ ...result.data, url: result.data.passwords ? downloadUrl(result.data.passwords.base64) : null });
      }}
    >
      <div className="field">
        <label htmlFor="import-file">{t("file")}</label>
        <input id="import-file" name="file" type="file" accept={`.csv,text/csv,.xlsx,${XLSX_TYPE}`} aria-invalid={error?.field === "file" ? true : undefined} />
      </div>
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="import-role">{t("role")}</label>
          <select id="import-role" name="role" defaultValue="STUDENT">
            <option value="STUDENT">{tRoles("STUDENT")}</option>
            <option value="TEACHER">{tRoles("TEACHER")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-district">{t("district")}</label>
          <select id="import-district" name="districtId" defaultValue={fixedDistrictId ?? ""}>
            {fixedDistrictId ? null : <option value="">{t("noDistrict")}</option>}
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="import-school">{t("school")}</label>
        <input id="import-school" name="school" type="text" />
      </div>
      {error && <FormRefusal error={error} />}
      {done && (
        <div role="status" data-testid="import-result">
          <p className={styles.success}>{t("done", { created: done.created, updated: done.updated, unchanged: done.unchanged })}</p>
          {done.url && done.passwords && (
            <p>
              <a className="button" href={done.url} download={done.passwords.name}>
                {t("download")}
              </a>{" "}
              <span className="muted">{t("downloadHint")}</span>
            </p>
          )}
        </div>
      )}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("importing") : t("submit")}
        </button>
      </div>
    </form>
  );
}

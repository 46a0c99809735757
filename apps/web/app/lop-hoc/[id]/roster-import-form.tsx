"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendForm, type TFormError } from "@/lib/api/send-json";
import styles from "../../su-kien/event.module.css";
import { FormRefusal } from "@/components/form-refusal";

export function RosterImportForm({ courseId, labels }: { courseId: string; labels: { file: string; hint: string; submit: string; imported: string } }) {
  const router = useRouter();
  const [error, setError] = useState<TFormError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const formElement = e.currentTarget;
        setPending(true);
        setError(null);
        setDone(null);
        const result = await sendForm<{ added: number; alreadyEnrolled: number }>(`/api/courses/${courseId}/roster`, new FormData(formElement));
        setPending(false);
        if (result.ok) {
          setDone(labels.imported.replace("{added}", String(result.data.added)).replace("{already}", String(result.data.alreadyEnrolled)));
          formElement.reset();
          router.refresh();
        } else setError(result.error);
      }}
    >
      <div className="field">
        <label htmlFor="roster-file">{labels.file}</label>
        <input id="roster-file" name="file" type="file" accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="roster-hint" aria-invalid={error ? true : undefined} />
        <p id="roster-hint" className={styles.hint}>
          {labels.hint}
        </p>
      </div>
      {error && <FormRefusal error={error} />}
      {done && (
        <p role="status" className={styles.success}>
          {done}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {labels.submit}
        </button>
      </div>
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import styles from "../../su-kien/event.module.css";
import { useErrorMessage } from "@/lib/errors/use-error-message";

export function AddStudentForm({ courseId, labels }: { courseId: string; labels: { student: string; submit: string; added: string } }) {
  const router = useRouter();
  const [error, setError] = useState<TFormError | null>(null);
  const errorMessage = useErrorMessage();
  const [added, setAdded] = useState<string | null>(null);
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
        setAdded(null);
        const result = await sendJson<{ name: string }>(`/api/courses/${courseId}/students`, "POST", Object.fromEntries(new FormData(formElement)));
        setPending(false);
        if (result.ok) {
          setAdded(labels.added.replace("{name}", result.data.name));
          formElement.reset();
          router.refresh();
        } else setError(result.error);
      }}
    >
      <div className="field">
        <label htmlFor="student-key">{labels.student}</label>
        <input id="student-key" name="student" type="text" autoComplete="off" aria-invalid={error ? true : undefined} />
      </div>
      {error && (
        <p role="alert" className={styles.error}>
          {errorMessage(error)}
        </p>
      )}
      {added && (
        <p role="status" className={styles.success}>
          {added}
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

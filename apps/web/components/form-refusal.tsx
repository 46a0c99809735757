"use client";

import type { TFormError } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";
import styles from "../app/su-kien/event.module.css";

/** A server refusal under a form: its message in the reader's language, then each bad line of a refused file. */
export function FormRefusal({ error }: { error: TFormError }) {
  const errorMessage = useErrorMessage();
  return (
    <div role="alert" data-code={error.code}>
      <p className={styles.error}>{errorMessage(error)}</p>
      {error.details && (
        <ul className={styles.errorDetails}>
          {error.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

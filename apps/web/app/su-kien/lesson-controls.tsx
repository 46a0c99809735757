"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";
import styles from "./event.module.css";

export interface TLessonControlLabels {
  cancel: string;
  cancelConfirm: string;
  move: string;
  date: string;
  startTime: string;
  duration: string;
  save: string;
  saving: string;
}

/**
 * Cancel or move one lesson of a series, by its usual start (its RECURRENCE-ID). The move form
 * starts from the lesson's current date, time and length (local, as the page shows them).
 */
export function LessonControls({
  eventId,
  originalStartsAt,
  current,
  labels,
}: {
  eventId: string;
  originalStartsAt: string;
  current: { date: string; startTime: string; durationMinutes: number };
  labels: TLessonControlLabels;
}) {
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [moving, setMoving] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<TFormError | null>(null);
  const send = async (body: Record<string, unknown>) => {
    setPending(true);
    setError(null);
    const result = await sendJson(`/api/events/${eventId}/occurrences`, "POST", { originalStartsAt, ...body });
    setPending(false);
    if (result.ok) {
      setMoving(false);
      router.refresh();
    } else setError(result.error);
  };
  return (
    <span className={styles.lessonControls}>
      <button type="button" className="button button--small" disabled={pending} onClick={() => setMoving((open) => !open)}>
        {labels.move}
      </button>
      <button
        type="button"
        className={`button button--small ${styles.danger}`}
        disabled={pending}
        onClick={() => {
          if (window.confirm(labels.cancelConfirm)) void send({ action: "cancel" });
        }}
      >
        {labels.cancel}
      </button>
      {moving && (
        <form
          className={styles.moveForm}
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            void send({ action: "move", date: form.get("date"), startTime: form.get("startTime"), durationMinutes: Number(form.get("durationMinutes")) });
          }}
        >
          <label>
            {labels.date} <input name="date" type="date" defaultValue={current.date} required aria-invalid={error?.field === "date" || undefined} />
          </label>
          <label>
            {labels.startTime} <input name="startTime" type="time" defaultValue={current.startTime} required aria-invalid={error?.field === "startTime" || undefined} />
          </label>
          <label>
            {labels.duration} <input name="durationMinutes" type="number" min={15} max={300} defaultValue={current.durationMinutes} required />
          </label>
          <button type="submit" className="button button--small" disabled={pending}>
            {pending ? labels.saving : labels.save}
          </button>
        </form>
      )}
      {error && (
        <span role="alert" className="form__error">
          {errorMessage(error)}
        </span>
      )}
    </span>
  );
}

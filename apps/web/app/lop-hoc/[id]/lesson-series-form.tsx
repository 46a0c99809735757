"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import styles from "../../su-kien/event.module.css";
import { useErrorMessage } from "@/lib/errors/use-error-message";

export interface TLessonFormLabels {
  title: string;
  weekdays: string;
  weekdayNames: string[];
  firstDate: string;
  lastDate: string;
  startTime: string;
  duration: string;
  exceptions: string;
  exceptionsHint: string;
  record: string;
  submit: string;
  saving: string;
  created: string;
  badExceptionDate: string;
}

/** "20/11/2026, 01/01/2027" → ["2026-11-20", "2027-01-01"], or the first entry that is not dd/MM/yyyy. */
function parseHolidays(text: string): { dates: string[] } | { bad: string } {
  const dates: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const value = raw.trim();
    if (!value) continue;
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    if (!m) return { bad: value };
    dates.push(`${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`);
  }
  return { dates };
}

/** Plans a weekly series (POST to `endpoint`): a class's new lessons, or a series changed from a date on. */
export function LessonSeriesForm({ endpoint, defaultTitle, labels }: { endpoint: string; defaultTitle: string; labels: TLessonFormLabels }) {
  const router = useRouter();
  const [error, setError] = useState<TFormError | null>(null);
  const errorMessage = useErrorMessage();
  const [created, setCreated] = useState(false);
  const [pending, setPending] = useState(false);
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setError(null);
        setCreated(false);
        const holidays = parseHolidays(String(form.get("exceptionDates") ?? ""));
        if ("bad" in holidays) {
          setError({ code: "INVALID_EXCEPTION", message: labels.badExceptionDate.replace("{value}", holidays.bad), field: "exceptionDates" });
          return;
        }
        setPending(true);
        const result = await sendJson<{ id: string }>(endpoint, "POST", {
          title: form.get("title"),
          weekdays: form.getAll("weekdays").map(Number),
          firstDate: form.get("firstDate"),
          lastDate: form.get("lastDate"),
          startTime: form.get("startTime"),
          durationMinutes: Number(form.get("durationMinutes")),
          exceptionDates: holidays.dates,
          record: form.get("record") === "on",
        });
        setPending(false);
        if (result.ok) {
          setCreated(true);
          router.refresh();
        } else setError(result.error);
      }}
    >
      <div className="field">
        <label htmlFor="lesson-title">{labels.title}</label>
        <input id="lesson-title" name="title" type="text" defaultValue={defaultTitle} aria-invalid={invalid("title")} />
      </div>
      <fieldset className={styles.choices} aria-invalid={invalid("weekdays")}>
        <legend>{labels.weekdays}</legend>
        <div className={styles.row}>
          {labels.weekdayNames.map((name, i) => (
            <label key={name}>
              <input type="checkbox" name="weekdays" value={i + 1} />
              {name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="lesson-first">{labels.firstDate}</label>
          <input id="lesson-first" name="firstDate" type="date" aria-invalid={invalid("firstDate")} />
        </div>
        <div className="field">
          <label htmlFor="lesson-last">{labels.lastDate}</label>
          <input id="lesson-last" name="lastDate" type="date" aria-invalid={invalid("lastDate")} />
        </div>
      </div>
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="lesson-start">{labels.startTime}</label>
          <input id="lesson-start" name="startTime" type="time" defaultValue="19:30" aria-invalid={invalid("startTime")} />
        </div>
        <div className="field">
          <label htmlFor="lesson-duration">{labels.duration}</label>
          <input id="lesson-duration" name="durationMinutes" type="number" min={15} max={300} step={5} defaultValue={45} aria-invalid={invalid("durationMinutes")} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="lesson-holidays">{labels.exceptions}</label>
        <input id="lesson-holidays" name="exceptionDates" type="text" placeholder="20/11/2026, 01/01/2027" aria-describedby="lesson-holidays-hint" aria-invalid={invalid("exceptionDates")} />
        <p id="lesson-holidays-hint" className={styles.hint}>
          {labels.exceptionsHint}
        </p>
      </div>
      <label className={styles.check}>
        <input type="checkbox" name="record" />
        {labels.record}
      </label>
      {error && (
        <p role="alert" className={styles.error} data-code={error.code}>
          {errorMessage(error)}
        </p>
      )}
      {created && (
        <p role="status" className={styles.success}>
          {labels.created}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? labels.saving : labels.submit}
        </button>
      </div>
    </form>
  );
}

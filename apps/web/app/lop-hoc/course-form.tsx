"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import styles from "../su-kien/event.module.css";
import { useErrorMessage } from "@/lib/errors/use-error-message";

export interface TCourseFormLabels {
  name: string;
  subject: string;
  grade: string;
  schoolYear: string;
  school: string;
  submit: string;
  saving: string;
}

export function CourseForm({ labels, defaultSchoolYear, defaultSchool }: { labels: TCourseFormLabels; defaultSchoolYear: string; defaultSchool: string }) {
  const router = useRouter();
  const [error, setError] = useState<TFormError | null>(null);
  const errorMessage = useErrorMessage();
  const [pending, setPending] = useState(false);
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setPending(true);
        setError(null);
        const result = await sendJson<{ id: string }>("/api/courses", "POST", Object.fromEntries(form));
        if (result.ok) router.push(`/lop-hoc/${result.data.id}`);
        else {
          setPending(false);
          setError(result.error);
        }
      }}
    >
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="course-name">{labels.name}</label>
          <input id="course-name" name="name" type="text" aria-invalid={invalid("name")} />
        </div>
        <div className="field">
          <label htmlFor="course-subject">{labels.subject}</label>
          <input id="course-subject" name="subject" type="text" aria-invalid={invalid("subject")} />
        </div>
      </div>
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="course-grade">{labels.grade}</label>
          <input id="course-grade" name="grade" type="number" min={1} max={12} defaultValue={9} aria-invalid={invalid("grade")} />
        </div>
        <div className="field">
          <label htmlFor="course-year">{labels.schoolYear}</label>
          <input id="course-year" name="schoolYear" type="text" defaultValue={defaultSchoolYear} aria-invalid={invalid("schoolYear")} />
        </div>
        <div className="field">
          <label htmlFor="course-school">{labels.school}</label>
          <input id="course-school" name="school" type="text" defaultValue={defaultSchool} />
        </div>
      </div>
      {error && (
        <p role="alert" className={styles.error}>
          {errorMessage(error)}
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

import { getTranslations } from "next-intl/server";

export interface TCourseCard {
  id: string;
  name: string;
  subject: string;
  grade: number;
  schoolYear: string;
  school: string | null;
  /** A short line specific to the viewer, e.g. the teacher's name or the number of students. */
  detail: string;
}

export async function CourseList({ courses, emptyText }: { courses: TCourseCard[]; emptyText: string }) {
  const t = await getTranslations("course");
  if (courses.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <ul className="cards">
      {courses.map((c) => (
        <li key={c.id} className="card">
          <h3 className="card__title">{c.name}</h3>
          <p className="muted">
            {c.subject} · {t("grade", { grade: c.grade })} · {t("schoolYear", { year: c.schoolYear })}
          </p>
          {c.school && <p>{c.school}</p>}
          <p>{c.detail}</p>
        </li>
      ))}
    </ul>
  );
}

import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/require-user";
import { findTeacherCourses } from "@/lib/courses/find-teacher-courses";
import { localDateKey } from "@diemcau/calendar/time-zone";
import { CourseForm } from "./course-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("classes"))("title") };
}

/** The school year in progress: it starts in September in Vietnam. */
function currentSchoolYear(now: Date): string {
  const [year, month] = localDateKey(now).split("-").map(Number) as [number, number];
  const start = month >= 8 ? year : year - 1;
  return `${start}-${start + 1}`;
}

export default async function ClassesPage() {
  const user = await requireRole("TEACHER");
  const [t, tc, courses, teacher] = await Promise.all([
    getTranslations("classes"),
    getTranslations("course"),
    findTeacherCourses(prisma, user.id),
    prisma.user.findUnique({ where: { id: user.id }, select: { school: true } }),
  ]);
  return (
    <>
      <h1>{t("title")}</h1>
      {courses.length === 0 ? (
        <p className="empty">{t("none")}</p>
      ) : (
        <ul className="cards">
          {courses.map((c) => (
            <li key={c.id} className="card">
              <h2 className="card__title">
                <Link href={`/lop-hoc/${c.id}`}>{c.name}</Link>
              </h2>
              <p className="muted">
                {c.subject} · {tc("grade", { grade: c.grade })} · {tc("schoolYear", { year: c.schoolYear })}
              </p>
              {c.school && <p>{c.school}</p>}
              <p>{t("students", { count: c._count.enrollments })}</p>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-course">
        <h2 id="new-course">{t("newCourse")}</h2>
        <CourseForm
          defaultSchoolYear={currentSchoolYear(new Date())}
          defaultSchool={teacher?.school ?? ""}
          labels={{
            name: t("name"),
            subject: t("subject"),
            grade: t("grade"),
            schoolYear: t("schoolYear"),
            school: t("school"),
            submit: t("create"),
            saving: t("saving"),
          }}
        />
      </section>
    </>
  );
}

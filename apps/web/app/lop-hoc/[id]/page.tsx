import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/require-user";
import { getCourseDetail } from "@/lib/courses/get-course-detail";
import { formatDate, formatTime } from "@diemcau/calendar/display-date";
import { parseRecurrence } from "@diemcau/calendar/recurrence";
import { AddStudentForm } from "./add-student-form";
import { LessonSeriesForm } from "./lesson-series-form";
import { RosterImportForm } from "./roster-import-form";

export const dynamic = "force-dynamic";

type TParams = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: TParams }): Promise<Metadata> {
  const course = await getCourseDetail(prisma, (await params).id);
  return { title: course?.name ?? (await getTranslations("classes"))("title") };
}

export default async function CoursePage({ params }: { params: TParams }) {
  const user = await requireRole("TEACHER");
  const course = await getCourseDetail(prisma, (await params).id);
  if (!course) notFound();
  if (course.teacherId !== user.id) forbidden();
  const [t, tc, ts, te] = await Promise.all([
    getTranslations("classes"),
    getTranslations("course"),
    getTranslations("schedule"),
    getTranslations("events"),
  ]);
  const weekdayNames = [1, 2, 3, 4, 5, 6, 7].map((d) => ts(`weekday.${d}`));

  return (
    <>
      <p>
        <Link href="/lop-hoc">← {t("title")}</Link>
      </p>
      <h1>{course.name}</h1>
      <p className="lead">
        {course.subject} · {tc("grade", { grade: course.grade })} · {tc("schoolYear", { year: course.schoolYear })}
        {course.school && ` · ${course.school}`}
      </p>

      <section aria-labelledby="lessons-title">
        <h2 id="lessons-title">{t("lessons")}</h2>
        {course.events.length === 0 ? (
          <p className="empty">{t("noLessons")}</p>
        ) : (
          <ul data-testid="lesson-series">
            {course.events.map((event) => {
              const days = event.rrule ? parseRecurrence(event.rrule).weekdays.map((d) => ts(`weekday.${d}`)).join(", ") : formatDate(event.startsAt);
              return (
                <li key={event.id}>
                  <Link href={`/su-kien/${event.id}`}>{event.title}</Link> — {days}, {formatTime(event.startsAt)}–{formatTime(event.endsAt)}
                  {event.seriesEndsAt && ` (${formatDate(event.startsAt)} – ${formatDate(event.seriesEndsAt)})`}{" "}
                  <span className={`status status--${event.status.toLowerCase()}`}>{te(`statusValue.${event.status}`)}</span>
                </li>
              );
            })}
          </ul>
        )}
        <h3>{t("newLessons")}</h3>
        <LessonSeriesForm
          endpoint={`/api/courses/${course.id}/lessons`}
          defaultTitle={`${course.name} — ${course.subject}`}
          labels={{
            title: t("lessonTitle"),
            weekdays: t("weekdays"),
            weekdayNames,
            firstDate: t("firstDate"),
            lastDate: t("lastDate"),
            startTime: t("startTime"),
            duration: t("duration"),
            exceptions: t("exceptions"),
            exceptionsHint: t("exceptionsHint"),
            record: t("record"),
            submit: t("createLessons"),
            saving: t("saving"),
            created: t("lessonsCreated"),
            badExceptionDate: t.raw("badExceptionDate") as string,
          }}
        />
      </section>

      <section aria-labelledby="roster-title">
        <h2 id="roster-title">{t("roster", { count: course.enrollments.length })}</h2>
        {course.enrollments.length === 0 ? (
          <p className="empty">{t("noStudents")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="roster">
              <thead>
                <tr>
                  <th scope="col">{t("studentName")}</th>
                  <th scope="col">{t("studentEmail")}</th>
                  <th scope="col">{t("studentCode")}</th>
                </tr>
              </thead>
              <tbody>
                {course.enrollments.map(({ user: student }) => (
                  <tr key={student.id}>
                    <th scope="row">{student.name}</th>
                    <td>{student.email}</td>
                    <td>{student.studentCode ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("addStudent")}</h3>
        <AddStudentForm courseId={course.id} labels={{ student: t("studentKey"), submit: t("add"), added: t.raw("added") as string }} />
        <h3>{t("importRoster")}</h3>
        <RosterImportForm
          courseId={course.id}
          labels={{ file: t("rosterFile"), hint: t("rosterHint"), submit: t("import"), imported: t.raw("imported") as string }}
        />
      </section>
    </>
  );
}

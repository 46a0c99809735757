import { prisma } from "@diemcau/db";
import { getTranslations } from "next-intl/server";
import { CourseList } from "@/components/course-list";
import { EventTable } from "@/components/event-table";
import { requireRole } from "@/lib/auth/require-user";
import { findTeacherCourses } from "@/lib/courses/find-teacher-courses";
import { findUpcomingEvents } from "@/lib/events/find-upcoming-events";

export default async function TeacherHomePage() {
  const user = await requireRole("TEACHER");
  const [t, courses, lessons] = await Promise.all([
    getTranslations("teacher"),
    findTeacherCourses(prisma, user.id),
    findUpcomingEvents(prisma, { hostOrTeacherId: user.id }),
  ]);
  return (
    <>
      <h1>{t("title", { name: user.name })}</h1>
      <section aria-labelledby="courses-title">
        <h2 id="courses-title">{t("courses")}</h2>
        <CourseList
          courses={courses.map((c) => ({ ...c, detail: t("students", { count: c._count.enrollments }) }))}
          emptyText={t("noCourses")}
        />
      </section>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("upcoming")}</h2>
        <EventTable events={lessons} show="course" />
      </section>
    </>
  );
}

import { prisma } from "@diemcau/db";
import { getTranslations } from "next-intl/server";
import { CourseList } from "@/components/course-list";
import { EventTable } from "@/components/event-table";
import { requireRole } from "@/lib/auth/require-user";
import { findStudentCourses } from "@/lib/courses/find-student-courses";
import { findUpcomingEvents } from "@/lib/events/find-upcoming-events";

export default async function StudentHomePage() {
  const user = await requireRole("STUDENT");
  const [t, courses, lessons] = await Promise.all([
    getTranslations("student"),
    findStudentCourses(prisma, user.id),
    findUpcomingEvents(prisma, { enrolledUserId: user.id }),
  ]);
  return (
    <>
      <h1>{t("title", { name: user.name })}</h1>
      <section aria-labelledby="courses-title">
        <h2 id="courses-title">{t("courses")}</h2>
        <CourseList
          courses={courses.map((c) => ({ ...c, detail: t("teacher", { name: c.teacher.name }) }))}
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

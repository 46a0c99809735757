import type { Db } from "@diemcau/db";

// Vietnamese alphabetical order: the database's collation misplaces "Đ" and tone marks.
const vietnameseOrder = new Intl.Collator("vi");

/** A class with its roster (alphabetical) and its lessons, or null when it does not exist. */
export async function getCourseDetail(db: Db, courseId: string) {
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: {
      id: true,
      name: true,
      subject: true,
      grade: true,
      schoolYear: true,
      school: true,
      teacherId: true,
      enrollments: { select: { user: { select: { id: true, name: true, email: true, studentCode: true } } } },
      events: {
        orderBy: { startsAt: "asc" },
        select: { id: true, title: true, startsAt: true, endsAt: true, rrule: true, seriesEndsAt: true, status: true },
      },
    },
  });
  if (!course) return null;
  course.enrollments.sort((a, b) => vietnameseOrder.compare(a.user.name, b.user.name));
  return course;
}

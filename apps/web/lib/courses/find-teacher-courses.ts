import type { Db } from "@diemcau/db";

/** Courses a teacher teaches, with how many students are enrolled. */
export function findTeacherCourses(db: Db, teacherId: string) {
  return db.course.findMany({
    where: { teacherId },
    orderBy: [{ grade: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      subject: true,
      grade: true,
      schoolYear: true,
      school: true,
      _count: { select: { enrollments: true } },
    },
  });
}

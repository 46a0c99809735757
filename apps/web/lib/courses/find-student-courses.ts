import type { Db } from "@diemcau/db";

/** Courses a student is enrolled in, with their teacher. */
export function findStudentCourses(db: Db, studentId: string) {
  return db.course.findMany({
    where: { enrollments: { some: { userId: studentId } } },
    orderBy: [{ grade: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      subject: true,
      grade: true,
      schoolYear: true,
      school: true,
      teacher: { select: { name: true } },
    },
  });
}

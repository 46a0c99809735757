import type { Db } from "@diemcau/db";
import { forbiddenAction, notFound } from "../errors/app-error";

/** The course, if `teacherId` teaches it; otherwise a 404 or 403 AppError. */
export async function findOwnCourse(db: Db, courseId: string, teacherId: string) {
  const course = await db.course.findUnique({ where: { id: courseId }, select: { id: true, name: true, teacherId: true } });
  if (!course) throw notFound("Lớp học");
  if (course.teacherId !== teacherId) throw forbiddenAction();
  return course;
}

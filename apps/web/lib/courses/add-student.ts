import type { Db } from "@diemcau/db";
import { parseInput } from "../api/parse-input";
import { AppError } from "../errors/app-error";
import { ZAddStudentInputSchema } from "./course-input";
import { findOwnCourse } from "./find-own-course";

/** Enrolls one existing student account, found by email, in a class the teacher teaches. */
export async function addStudent(db: Db, courseId: string, teacherId: string, input: unknown) {
  const { email } = parseInput(ZAddStudentInputSchema, input);
  await findOwnCourse(db, courseId, teacherId);
  const student = await db.user.findUnique({ where: { email }, select: { id: true, name: true, role: true } });
  if (!student) throw new AppError("STUDENT_NOT_FOUND", `Không có học sinh nào với email ${email}.`, 400, "email");
  if (student.role !== "STUDENT") {
    throw new AppError("NOT_A_STUDENT", `Tài khoản ${email} không phải là tài khoản học sinh.`, 400, "email");
  }
  const enrolled = await db.enrollment.findUnique({ where: { courseId_userId: { courseId, userId: student.id } } });
  if (enrolled) throw new AppError("ALREADY_ENROLLED", `${student.name} (${email}) đã có trong lớp.`, 409, "email");
  await db.enrollment.create({ data: { courseId, userId: student.id } });
  return { id: student.id, name: student.name };
}

import type { Db } from "@diemcau/db";
import { parseInput } from "../api/parse-input";
import { AppError } from "../errors/app-error";
import { ZAddStudentInputSchema } from "./course-input";
import { findOwnCourse } from "./find-own-course";

/** Enrolls one existing student account, found by email or mã định danh, in a class the teacher teaches. */
export async function addStudent(db: Db, courseId: string, teacherId: string, input: unknown) {
  const { student: key } = parseInput(ZAddStudentInputSchema, input);
  await findOwnCourse(db, courseId, teacherId);
  const described = key.email ? `email ${key.email}` : `mã định danh ${key.studentCode}`;
  const student = await db.user.findUnique({ where: key.email ? { email: key.email } : { studentCode: key.studentCode }, select: { id: true, name: true, email: true, role: true } });
  if (!student) throw new AppError("STUDENT_NOT_FOUND", `Không có học sinh nào với ${described}.`, 400, "student");
  if (student.role !== "STUDENT") {
    throw new AppError("NOT_A_STUDENT", `Tài khoản ${student.email} không phải là tài khoản học sinh.`, 400, "student");
  }
  const enrolled = await db.enrollment.findUnique({ where: { courseId_userId: { courseId, userId: student.id } } });
  if (enrolled) throw new AppError("ALREADY_ENROLLED", `${student.name} (${student.email}) đã có trong lớp.`, 409, "student");
  await db.enrollment.create({ data: { courseId, userId: student.id } });
  return { id: student.id, name: student.name };
}

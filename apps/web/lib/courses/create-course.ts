import type { Db } from "@diemcau/db";
import { parseInput } from "../api/parse-input";
import { ZCourseInputSchema } from "./course-input";

/** A class taught by the teacher who creates it. */
export async function createCourse(db: Db, teacherId: string, input: unknown): Promise<{ id: string }> {
  const data = parseInput(ZCourseInputSchema, input);
  return db.course.create({
    data: { ...data, school: data.school || null, teacherId },
    select: { id: true },
  });
}

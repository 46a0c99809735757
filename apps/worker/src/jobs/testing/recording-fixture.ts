import type { Db } from "@diemcau/db";

/** A teacher, a class of a course and a recording of it, as web and media-server leave them. */
export async function createRecordingFixture(
  db: Db,
  options: { status?: "RECORDING" | "PROCESSING" | "READY" | "FAILED"; lastSegmentAt?: Date | null; kind?: "CLASS" | "CONFERENCE" } = {},
) {
  const suffix = Math.random().toString(36).slice(2, 10);
  const teacher = await db.user.create({
    data: { email: `teacher-${suffix}@example.test`, name: "Cô Lan", passwordHash: "x", role: "TEACHER" },
  });
  const course = await db.course.create({
    data: { name: "Toán 9A", subject: "Toán", grade: 9, schoolYear: "2026-2027", teacherId: teacher.id },
  });
  const event = await db.event.create({
    data: {
      kind: options.kind ?? "CLASS",
      title: `Bài 3: Hệ phương trình ${suffix}`,
      startsAt: new Date(Date.now() - 3_600_000),
      endsAt: new Date(),
      hostId: teacher.id,
      courseId: course.id,
      record: true,
    },
  });
  const recording = await db.recording.create({
    data: {
      eventId: event.id,
      status: options.status ?? "PROCESSING",
      lastSegmentAt: options.lastSegmentAt === undefined ? new Date() : options.lastSegmentAt,
    },
  });
  await db.recording.update({ where: { id: recording.id }, data: { storagePrefix: `recordings/${recording.id}` } });
  return { teacher, course, event, recordingId: recording.id };
}

import type { Db } from "@diemcau/db";
import { findOwnCourse } from "../courses/find-own-course";
import { formatDate, formatTime } from "@diemcau/calendar/display-date";
import { findClash } from "./clash";
import { describeOccurrence } from "./describe-clash";
import { findTeacherBookings } from "./find-booked-events";
import { ZLessonSeriesInputSchema } from "./lesson-series-input";
import { lockScheduleKeys, SCHEDULE_TX_OPTIONS, teacherLockKey } from "./lock-keys";
import { parseInput } from "../api/parse-input";
import { buildWeeklySeries } from "@diemcau/calendar/recurrence";
import { checkSeriesDates } from "./check-series-dates";
import { AppError } from "../errors/app-error";
import { requireTitle } from "./validate-times";

/**
 * Plans a class's weekly online lessons (one Event with an RRULE), refusing a series whose
 * lessons would overlap any other lesson or event of the same teacher.
 */
export async function createLessonSeries(db: Db, courseId: string, teacherId: string, input: unknown, now = new Date()) {
  // Someone else's class is refused before its input is looked at (the access matrix's rule).
  await findOwnCourse(db, courseId, teacherId);
  const data = parseInput(ZLessonSeriesInputSchema, input);
  const title = requireTitle(data.title);
  checkSeriesDates(data);
  const series = buildWeeklySeries(data);
  if (!series) {
    throw new AppError("NO_OCCURRENCES", "Không có buổi học nào giữa hai ngày đã chọn (sau khi trừ ngày nghỉ).", 400, "weekdays");
  }
  if (series.startsAt < now) {
    throw new AppError(
      "START_IN_PAST",
      `Buổi học đầu tiên (${formatTime(series.startsAt)} ngày ${formatDate(series.startsAt)}) đã qua. Vui lòng chọn ngày bắt đầu trong tương lai.`,
      400,
      "firstDate",
    );
  }

  return db.$transaction(async (tx) => {
    await lockScheduleKeys(tx, [teacherLockKey(teacherId)]);
    const booked = await findTeacherBookings(tx, teacherId, series.startsAt, series.seriesEndsAt);
    const candidate = { startsAt: series.startsAt, endsAt: series.endsAt, rrule: series.rrule };
    const clash = findClash(candidate, booked, series.startsAt, series.seriesEndsAt);
    if (clash) {
      throw new AppError(
        "TEACHER_CLASH",
        `Trùng lịch: buổi học ${formatTime(clash.candidateOccurrence.startsAt)} ngày ${formatDate(clash.candidateOccurrence.startsAt)} trùng với ${describeOccurrence(clash.event.title, clash.occurrence)} của bạn.`,
        409,
        "startTime",
      );
    }
    return tx.event.create({
      data: {
        kind: "CLASS",
        title,
        description: data.description.trim() || null,
        startsAt: series.startsAt,
        endsAt: series.endsAt,
        rrule: series.rrule,
        seriesEndsAt: series.seriesEndsAt,
        record: data.record,
        hostId: teacherId,
        courseId,
      },
      select: { id: true },
    });
  }, SCHEDULE_TX_OPTIONS);
}

import { findParticipantIds } from "@diemcau/calendar/find-participants";
import type { Db } from "@diemcau/db";
import type { TSessionUser } from "../auth/session-user";
import { parseInput } from "../api/parse-input";
import { AppError } from "../errors/app-error";
import { formatDate, formatTime } from "@diemcau/calendar/display-date";
import { checkSeriesDates } from "./check-series-dates";
import type { TOccurrenceChangeDeps } from "./change-occurrence";
import { findClash } from "./clash";
import { describeOccurrence } from "./describe-clash";
import { findTeacherBookings } from "./find-booked-events";
import { findSeriesToChange } from "./find-series-to-change";
import { ZLessonSeriesInputSchema } from "./lesson-series-input";
import { lockScheduleKeys, SCHEDULE_TX_OPTIONS, teacherLockKey } from "./lock-keys";
import { mailParticipants } from "./mail-participants";
import { notifyParticipants } from "./notify-participants";
import { buildWeeklySeries, endRuleBefore, expandOccurrences } from "@diemcau/calendar/recurrence";
import { zonedInputToUtc } from "@diemcau/calendar/time-zone";
import { requireTitle } from "./validate-times";

/**
 * POST /api/events/<id>/series-from: the series changes from a date on (days, time, length, end,
 * holidays, title), the lessons before it staying as they were, with their attendance and
 * recordings. The event keeps the lessons before the date (its RRULE ends the day before) and a new
 * event holds the rest, as calendar apps split a series "this and following"; when nothing lies
 * before the date the event is changed in place. Lessons cancelled or moved after the date belong to
 * the old plan and are dropped. Participants get a notice and, by e-mail, both series as they are now.
 */
export async function editSeriesFrom(
  db: Db,
  eventId: string,
  actor: Pick<TSessionUser, "id" | "role">,
  body: unknown,
  deps: TOccurrenceChangeDeps,
  now = new Date(),
) {
  const data = parseInput(ZLessonSeriesInputSchema, body);
  const title = requireTitle(data.title);
  const { first } = checkSeriesDates(data);

  const result = await db.$transaction(async (tx) => {
    const event = await findSeriesToChange(tx, eventId, actor, "Chỉ sửa được từ một ngày với lịch học lặp lại.");
    const from = zonedInputToUtc(data.firstDate, "00:00", event.timeZone)!;
    const series = buildWeeklySeries({ ...data, timeZone: event.timeZone });
    if (!series) throw new AppError("NO_OCCURRENCES", "Không có buổi học nào giữa hai ngày đã chọn (sau khi trừ ngày nghỉ).", 400, "weekdays");
    if (series.startsAt < now) {
      throw new AppError("START_IN_PAST", `Buổi học đầu tiên của lịch mới (${formatTime(series.startsAt)} ngày ${formatDate(series.startsAt)}) đã qua.`, 400, "firstDate");
    }
    const teacherId = event.course?.teacherId ?? event.hostId;
    await lockScheduleKeys(tx, [teacherLockKey(teacherId)]);

    const kept = expandOccurrences(event, event.startsAt, from);
    const fields = { title, description: data.description.trim() || null, record: data.record };
    const plan = { startsAt: series.startsAt, endsAt: series.endsAt, rrule: series.rrule, seriesEndsAt: series.seriesEndsAt };
    const split = kept.length > 0;
    await tx.occurrenceOverride.deleteMany({ where: { eventId, originalStartsAt: { gte: from } } });
    if (split) {
      await tx.event.update({ where: { id: eventId }, data: { rrule: endRuleBefore(event.rrule, from), seriesEndsAt: kept.at(-1)!.endsAt, updatedAt: now } });
    }
    const booked = await findTeacherBookings(tx, teacherId, series.startsAt, series.seriesEndsAt);
    const clash = findClash({ ...plan, id: split ? undefined : eventId }, booked, series.startsAt, series.seriesEndsAt);
    if (clash) {
      throw new AppError(
        "TEACHER_CLASH",
        `Trùng lịch: buổi học ${formatTime(clash.candidateOccurrence.startsAt)} ngày ${formatDate(clash.candidateOccurrence.startsAt)} trùng với ${describeOccurrence(clash.event.title, clash.occurrence)} của bạn.`,
        409,
        "startTime",
      );
    }
    const changed = split
      ? await tx.event.create({
          data: {
            kind: event.kind,
            ...fields,
            ...plan,
            timeZone: event.timeZone,
            hostId: event.hostId,
            courseId: event.courseId,
            bridgePoints: { create: event.bridgePoints.map(({ bridgePointId }) => ({ bridgePointId })) },
          },
          select: { id: true },
        })
      : await tx.event.update({ where: { id: eventId }, data: { ...fields, ...plan, updatedAt: now }, select: { id: true } });
    const scopes = [{ hostId: event.hostId, courseId: event.courseId, bridgePointIds: event.bridgePoints.map((b) => b.bridgePointId) }];
    await notifyParticipants(tx, { scopes, actorId: actor.id, kind: "EVENT_UPDATED", event: { id: changed.id, title, startsAt: series.startsAt } });
    const userIds = (await findParticipantIds(tx, scopes)).filter((id) => id !== actor.id);
    return { id: changed.id, split, userIds, oldTitle: event.title };
  }, SCHEDULE_TX_OPTIONS);

  const mailDeps = { enqueue: deps.enqueueMail, baseUrl: deps.baseUrl };
  const text = `Lịch học "${title}" thay đổi từ ngày ${formatDate(first)}. Lịch mới được đính kèm.`;
  await mailParticipants(db, { eventId: result.id, userIds: result.userIds, method: "REQUEST", subject: `Lịch học thay đổi: ${title}`, text }, mailDeps);
  if (result.split) {
    const before = `Lịch học "${result.oldTitle}" nay kết thúc trước ngày ${formatDate(first)}; từ ngày đó, lịch mới được gửi riêng.`;
    await mailParticipants(db, { eventId, userIds: result.userIds, method: "REQUEST", subject: `Lịch học thay đổi: ${result.oldTitle}`, text: before }, mailDeps);
  }
  return { id: result.id, split: result.split };
}

import { findParticipantIds } from "@diemcau/calendar/find-participants";
import type { Db } from "@diemcau/db";
import type { TSessionUser } from "../auth/session-user";
import { parseInput } from "../api/parse-input";
import { AppError } from "../errors/app-error";
import { formatDate, formatTime } from "@diemcau/calendar/display-date";
import { findClash } from "./clash";
import { describeOccurrence } from "./describe-clash";
import { findBridgePointBookings, findTeacherBookings } from "./find-booked-events";
import { findSeriesToChange } from "./find-series-to-change";
import { bridgePointLockKey, lockScheduleKeys, SCHEDULE_TX_OPTIONS, teacherLockKey } from "./lock-keys";
import { mailParticipants, type TEnqueueMail } from "./mail-participants";
import { notifyParticipants } from "./notify-participants";
import { ZOccurrenceChangeSchema } from "./occurrence-change-input";
import { expandRule } from "@diemcau/calendar/recurrence";
import { zonedInputToUtc } from "@diemcau/calendar/time-zone";

export type TOccurrenceChangeDeps = { enqueueMail: TEnqueueMail; baseUrl: string };

const lessonTime = (at: Date) => `${formatTime(at)} ngày ${formatDate(at)}`;

/**
 * POST /api/events/<id>/occurrences: cancels one lesson of a series, or moves it (another date,
 * time or length), refusing a move onto another booking of the teacher or of its bridge points.
 * Students, room accounts and the host are notified in the app and by e-mail with the
 * invitation (METHOD:CANCEL or REQUEST for that lesson's RECURRENCE-ID); the feeds follow.
 */
export async function changeOccurrence(
  db: Db,
  eventId: string,
  actor: Pick<TSessionUser, "id" | "role">,
  body: unknown,
  deps: TOccurrenceChangeDeps,
  now = new Date(),
) {
  const input = parseInput(ZOccurrenceChangeSchema, body);
  const originalStartsAt = new Date(input.originalStartsAt);
  const result = await db.$transaction(async (tx) => {
    const event = await findSeriesToChange(tx, eventId, actor, "Chỉ hủy hoặc dời được một buổi của lịch học lặp lại; hãy sửa hoặc hủy chính sự kiện này.");
    const usual = expandRule(event, originalStartsAt, new Date(originalStartsAt.getTime() + 1)).find((o) => o.startsAt.getTime() === originalStartsAt.getTime());
    if (!usual) throw new AppError("OCCURRENCE_NOT_FOUND", "Không có buổi học nào vào thời điểm này trong lịch.", 404, "originalStartsAt");
    const previous = event.overrides.find((o) => o.originalStartsAt.getTime() === originalStartsAt.getTime());
    if (previous?.cancelled) throw new AppError("OCCURRENCE_CANCELLED", "Buổi học này đã bị hủy trước đó.", 409);
    const currentEnd = previous?.endsAt ?? usual.endsAt;
    if (currentEnd <= now) throw new AppError("OCCURRENCE_ENDED", "Buổi học này đã diễn ra, không thể thay đổi.", 409);

    const teacherId = event.course?.teacherId ?? event.hostId;
    const bridgePointIds = event.bridgePoints.map((b) => b.bridgePointId);
    await lockScheduleKeys(tx, [teacherLockKey(teacherId), ...bridgePointIds.map(bridgePointLockKey)]);

    let moved: { startsAt: Date; endsAt: Date } | null = null;
    if (input.action === "move") {
      const startsAt = zonedInputToUtc(input.date, input.startTime, event.timeZone);
      if (!startsAt) throw new AppError("INVALID_START", "Ngày giờ mới không hợp lệ.", 400, "date");
      if (startsAt < now) throw new AppError("START_IN_PAST", "Thời gian mới đã qua. Vui lòng chọn thời gian trong tương lai.", 400, "date");
      moved = { startsAt, endsAt: new Date(startsAt.getTime() + input.durationMinutes * 60_000) };
      // The other bookings, with this series as it will be: this lesson no longer at its old time.
      const without = (o: { originalStartsAt: Date }) => o.originalStartsAt.getTime() !== originalStartsAt.getTime();
      const booked = [
        ...(await findTeacherBookings(tx, teacherId, moved.startsAt, moved.endsAt)),
        ...(bridgePointIds.length > 0 ? await findBridgePointBookings(tx, bridgePointIds, moved.startsAt, moved.endsAt) : []),
      ].map((other) => (other.id === event.id ? { ...other, overrides: other.overrides.filter(without) } : other));
      const clash = findClash({ ...moved, rrule: null }, booked, moved.startsAt, moved.endsAt);
      if (clash) {
        throw new AppError(
          "OCCURRENCE_CLASH",
          `Trùng lịch: thời gian mới trùng với ${describeOccurrence(clash.event.title, clash.occurrence)}.`,
          409,
          "startTime",
          undefined,
          { title: clash.event.title, startsAt: clash.occurrence.startsAt.toISOString() },
        );
      }
    }
    const data = moved ? { cancelled: false, ...moved } : { cancelled: true, startsAt: null, endsAt: null };
    await tx.occurrenceOverride.upsert({
      where: { eventId_originalStartsAt: { eventId, originalStartsAt } },
      create: { eventId, originalStartsAt, ...data },
      update: data,
    });
    // updatedAt raises the feed's SEQUENCE; a lesson moved past the series' end widens its range.
    const seriesEndsAt = moved && event.seriesEndsAt && moved.endsAt > event.seriesEndsAt ? moved.endsAt : event.seriesEndsAt;
    await tx.event.update({ where: { id: eventId }, data: { updatedAt: now, seriesEndsAt } });
    const scopes = [{ hostId: event.hostId, courseId: event.courseId, bridgePointIds }];
    const noticeAt = moved?.startsAt ?? previous?.startsAt ?? originalStartsAt;
    await notifyParticipants(tx, { scopes, actorId: actor.id, kind: moved ? "EVENT_UPDATED" : "EVENT_CANCELLED", event: { id: eventId, title: event.title, startsAt: noticeAt } });
    const userIds = (await findParticipantIds(tx, scopes)).filter((id) => id !== actor.id);
    return { event, from: previous?.startsAt ?? originalStartsAt, moved, userIds };
  }, SCHEDULE_TX_OPTIONS);

  const { event, from, moved, userIds } = result;
  await mailParticipants(
    db,
    moved
      ? {
          eventId,
          userIds,
          method: "REQUEST",
          onlyOccurrence: originalStartsAt,
          subject: `Đổi giờ buổi học: ${event.title}`,
          text: `Buổi học "${event.title}" lúc ${lessonTime(from)} được dời sang ${lessonTime(moved.startsAt)} (đến ${formatTime(moved.endsAt)}).`,
        }
      : {
          eventId,
          userIds,
          method: "CANCEL",
          onlyOccurrence: originalStartsAt,
          subject: `Hủy buổi học: ${event.title}`,
          text: `Buổi học "${event.title}" lúc ${lessonTime(from)} bị hủy. Các buổi khác vẫn theo lịch.`,
        },
    { enqueue: deps.enqueueMail, baseUrl: deps.baseUrl },
  );
  return { id: eventId, originalStartsAt: originalStartsAt.toISOString(), cancelled: !moved, startsAt: moved?.startsAt.toISOString() ?? null };
}

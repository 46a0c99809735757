import { buildInvitation, describeEvent } from "@diemcau/calendar/build-calendar-feed";
import { formatDateTime, formatTime } from "@diemcau/calendar/display-date";
import type { TFeedEvent } from "@diemcau/calendar/find-feed-events";
import type { TOccurrence } from "@diemcau/calendar/recurrence";
import type { TScheduleMailJob } from "@diemcau/protocol";

export type TReminderPerson = { name: string; email: string };

const WHAT = { CLASS: "Buổi học", CONFERENCE: "Hội nghị" } as const;

/**
 * The reminder of one occurrence for one person: a Vietnamese text with the time in Vietnam
 * (dd/MM/yyyy HH:mm) and the join link, and the occurrence's invitation (METHOD:REQUEST naming
 * only that person; a lesson of a series under its RECURRENCE-ID, the start its series gave it).
 */
export function buildReminderMail(event: TFeedEvent, occurrence: TOccurrence, person: TReminderPerson, baseUrl: string): TScheduleMailJob {
  const what = WHAT[event.kind];
  const startsAt = formatDateTime(occurrence.startsAt);
  const onlyOccurrence = event.rrule ? (occurrence.originalStartsAt ?? occurrence.startsAt) : undefined;
  const text = [
    `Kính gửi ${person.name},`,
    `${what} "${event.title}" bắt đầu lúc ${startsAt} (giờ Việt Nam) và kết thúc lúc ${formatTime(occurrence.endsAt)}.`,
    describeEvent(event, baseUrl),
    "Thư được gửi tự động từ Điểm Cầu. Lịch đính kèm thêm buổi này vào ứng dụng lịch của bạn.",
  ].join("\n\n");
  return {
    to: person,
    subject: `Nhắc lịch: ${what.toLowerCase()} "${event.title}" lúc ${startsAt}`,
    text,
    calendar: { method: "REQUEST", content: buildInvitation(event, { baseUrl, method: "REQUEST", attendee: person, onlyOccurrence }) },
  };
}

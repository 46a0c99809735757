import { formatDate, formatTime } from "@diemcau/calendar/display-date";
import type { TOccurrence } from "@diemcau/calendar/recurrence";
import { localDateKey } from "@diemcau/calendar/time-zone";

/** "“Title” (08:00–11:30 ngày 02/12/2026)"; an occurrence crossing midnight shows both dates. */
export function describeOccurrence(title: string, occurrence: TOccurrence): string {
  const { startsAt, endsAt } = occurrence;
  const sameDay = localDateKey(startsAt) === localDateKey(new Date(endsAt.getTime() - 1));
  const when = sameDay
    ? `${formatTime(startsAt)}–${formatTime(endsAt)} ngày ${formatDate(startsAt)}`
    : `${formatTime(startsAt)} ngày ${formatDate(startsAt)} – ${formatTime(endsAt)} ngày ${formatDate(endsAt)}`;
  return `“${title}” (${when})`;
}

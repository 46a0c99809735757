import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DISPLAY_TIME_ZONE } from "../format/date";
import type { TFeedEvent } from "./find-feed-events";
import { foldLines } from "./fold-lines";
import { ZonedInstant } from "./zoned-instant";

/** Calendar apps poll at their own pace; this asks for at most hourly. */
const REFRESH_INTERVAL_SECONDS = 3600;

/** RRULE/EXDATE lines of Event.rrule as RFC 5545 content lines (a bare "FREQ=…" gets its RRULE: name). */
function recurrenceLines(rrule: string): string {
  return rrule
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("DTSTART"))
    .map((line) => (line.startsWith("FREQ=") ? `RRULE:${line}` : line))
    .join("\n");
}

function describe(event: TFeedEvent, joinUrl: string, detailUrl: string): string {
  const lines = [
    event.description,
    event.course ? `Lớp: ${event.course.name}` : null,
    event.bridgePoints.length > 0 ? `Điểm cầu: ${event.bridgePoints.map((b) => b.bridgePoint.name).join(", ")}` : null,
    event.documents.length > 0 ? `Văn bản: ${event.documents.map((d) => d.numberNotation ?? d.subject).join("; ")}` : null,
    `Chủ trì: ${event.host.name}`,
    event.status === "CANCELLED" ? "ĐÃ HỦY" : `Tham gia: ${joinUrl}`,
    `Chi tiết: ${detailUrl}`,
  ];
  return lines.filter(Boolean).join("\n");
}

/**
 * An RFC 5545 calendar of the events: times in Asia/Ho_Chi_Minh with its VTIMEZONE, series as
 * RRULE + EXDATE, cancelled events kept with STATUS:CANCELLED so subscribed calendars drop them,
 * the room as URL, the host as ORGANIZER.
 */
export function buildCalendarFeed(events: TFeedEvent[], { name, baseUrl }: { name: string; baseUrl: string }): string {
  const calendar = ical({
    name,
    prodId: { company: "So GD&DT", product: "Diem Cau", language: "VI" },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: DISPLAY_TIME_ZONE, generator: getVtimezoneComponent },
    ttl: REFRESH_INTERVAL_SECONDS,
  });
  // The library folds the whole calendar slowly; it renders the shell (header, VTIMEZONE) and each
  // event, and the events are folded here.
  const shell = calendar.toString();
  const rendered: string[] = [];
  for (const event of events) {
    const timeZone = event.timeZone || DISPLAY_TIME_ZONE;
    const joinUrl = new URL(`/phong/${event.id}`, baseUrl).toString();
    const detailUrl = new URL(`/su-kien/${event.id}`, baseUrl).toString();
    const vevent = calendar.createEvent({
      id: `${event.id}@diemcau`,
      // Edits must raise SEQUENCE for clients to take them; seconds since creation only grow.
      sequence: Math.max(0, Math.floor((event.updatedAt.getTime() - event.createdAt.getTime()) / 1000)),
      stamp: event.updatedAt,
      lastModified: event.updatedAt,
      created: event.createdAt,
      start: new ZonedInstant(event.startsAt, timeZone),
      end: new ZonedInstant(event.endsAt, timeZone),
      timezone: timeZone,
      summary: event.title,
      description: describe(event, joinUrl, detailUrl),
      url: event.status === "CANCELLED" ? detailUrl : joinUrl,
      organizer: { name: event.host.name, email: event.host.email },
      status: event.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(event.rrule ? { repeating: recurrenceLines(event.rrule) } : {}),
    });
    rendered.push(vevent.toString());
  }
  const end = shell.lastIndexOf("END:VCALENDAR");
  return `${shell.slice(0, end)}${foldLines(rendered.join(""))}${shell.slice(end)}`;
}

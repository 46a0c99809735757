import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { type ICalCalendar, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DISPLAY_TIME_ZONE } from "./display-date";
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

/** Where people join an event and read about it: the links feeds, invitations and reminders carry. */
export function eventLinks(eventId: string, baseUrl: string): { joinUrl: string; detailUrl: string } {
  return { joinUrl: new URL(`/phong/${eventId}`, baseUrl).toString(), detailUrl: new URL(`/su-kien/${eventId}`, baseUrl).toString() };
}

/** The text about an event that feeds, invitations and reminders carry: class, bridge points, documents, host, links. */
export function describeEvent(event: TFeedEvent, baseUrl: string): string {
  const { joinUrl, detailUrl } = eventLinks(event.id, baseUrl);
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

/** EXDATE of the lessons cancelled on their own, in the series' zone (moved ones get their own VEVENT). */
function cancelledLines(event: TFeedEvent, timeZone: string): string[] {
  const cancelled = event.overrides.filter((o) => o.cancelled).map((o) => new ZonedInstant(o.originalStartsAt, timeZone).format("YYYYMMDDTHHmmss"));
  return cancelled.length > 0 ? [`EXDATE;TZID=${timeZone}:${cancelled.join(",")}`] : [];
}

type TRenderOptions = {
  baseUrl: string;
  /** For an invitation: the one person it is addressed to (iTIP needs an ATTENDEE). */
  attendee?: { name: string; email: string };
  /** Only this lesson of a series (its original start): an invitation about one lesson. */
  onlyOccurrence?: Date;
};

/**
 * The VEVENTs of one event: the series (RRULE, EXDATE of holidays and cancelled lessons) and one
 * VEVENT per moved lesson with its RECURRENCE-ID, as RFC 5545 says a changed instance is written.
 */
function renderEvent(calendar: ICalCalendar, event: TFeedEvent, { baseUrl, attendee, onlyOccurrence }: TRenderOptions): string {
  const timeZone = event.timeZone || DISPLAY_TIME_ZONE;
  const { joinUrl, detailUrl } = eventLinks(event.id, baseUrl);
  const common = {
    id: `${event.id}@diemcau`,
    // Edits must raise SEQUENCE for clients to take them; seconds since creation only grow.
    sequence: Math.max(0, Math.floor((event.updatedAt.getTime() - event.createdAt.getTime()) / 1000)),
    stamp: event.updatedAt,
    lastModified: event.updatedAt,
    created: event.createdAt,
    timezone: timeZone,
    summary: event.title,
    description: describeEvent(event, baseUrl),
    url: event.status === "CANCELLED" ? detailUrl : joinUrl,
    organizer: { name: event.host.name, email: event.host.email },
    ...(attendee ? { attendees: [{ name: attendee.name, email: attendee.email, rsvp: false }] } : {}),
  };
  const duration = event.endsAt.getTime() - event.startsAt.getTime();
  const status = (cancelled: boolean) => (cancelled || event.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED);
  if (onlyOccurrence) {
    const override = event.overrides.find((o) => o.originalStartsAt.getTime() === onlyOccurrence.getTime());
    const startsAt = override?.startsAt ?? onlyOccurrence;
    const endsAt = override?.endsAt ?? new Date(onlyOccurrence.getTime() + duration);
    return calendar
      .createEvent({
        ...common,
        recurrenceId: new ZonedInstant(onlyOccurrence, timeZone),
        start: new ZonedInstant(startsAt, timeZone),
        end: new ZonedInstant(endsAt, timeZone),
        status: status(override?.cancelled ?? false),
      })
      .toString();
  }
  const lines = event.rrule ? [recurrenceLines(event.rrule), ...cancelledLines(event, timeZone)].join("\n") : null;
  const series = calendar.createEvent({
    ...common,
    start: new ZonedInstant(event.startsAt, timeZone),
    end: new ZonedInstant(event.endsAt, timeZone),
    status: status(false),
    ...(lines ? { repeating: lines } : {}),
  });
  const moved = event.overrides
    .filter((o) => !o.cancelled && o.startsAt && o.endsAt)
    .map((o) =>
      calendar.createEvent({
        ...common,
        recurrenceId: new ZonedInstant(o.originalStartsAt, timeZone),
        start: new ZonedInstant(o.startsAt!, timeZone),
        end: new ZonedInstant(o.endsAt!, timeZone),
        status: status(false),
      }),
    );
  return [series, ...moved].map((vevent) => vevent.toString()).join("");
}

function calendarShell(name: string, method: ICalCalendarMethod): ICalCalendar {
  return ical({
    name,
    prodId: { company: "So GD&DT", product: "Diem Cau", language: "VI" },
    method,
    timezone: { name: DISPLAY_TIME_ZONE, generator: getVtimezoneComponent },
    ttl: REFRESH_INTERVAL_SECONDS,
  });
}

/**
 * The calendar's header and VTIMEZONE rendered by the library while it holds no event (it folds a
 * whole calendar slowly), then the VEVENTs rendered one by one and folded here.
 */
function assemble(calendar: ICalCalendar, render: () => string): string {
  const shell = calendar.toString();
  const vevents = render();
  const end = shell.lastIndexOf("END:VCALENDAR");
  return `${shell.slice(0, end)}${foldLines(vevents)}${shell.slice(end)}`;
}

/**
 * An RFC 5545 calendar of the events: times in Asia/Ho_Chi_Minh with its VTIMEZONE, series as
 * RRULE + EXDATE (holidays and lessons cancelled on their own), moved lessons as VEVENTs with
 * RECURRENCE-ID, cancelled events kept with STATUS:CANCELLED so subscribed calendars drop them,
 * the room as URL, the host as ORGANIZER.
 */
export function buildCalendarFeed(events: TFeedEvent[], { name, baseUrl }: { name: string; baseUrl: string }): string {
  const calendar = calendarShell(name, ICalCalendarMethod.PUBLISH);
  return assemble(calendar, () => events.map((event) => renderEvent(calendar, event, { baseUrl })).join(""));
}

/**
 * An iTIP invitation (RFC 5546) for one person's mail: METHOD:REQUEST with the event as it now
 * is, or METHOD:CANCEL; about the whole series, or only one lesson (by its RECURRENCE-ID).
 */
export function buildInvitation(
  event: TFeedEvent,
  { baseUrl, method, attendee, onlyOccurrence }: { baseUrl: string; method: "REQUEST" | "CANCEL"; attendee: { name: string; email: string }; onlyOccurrence?: Date },
): string {
  const calendar = calendarShell(event.title, method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
  return assemble(calendar, () => renderEvent(calendar, event, { baseUrl, attendee, onlyOccurrence }));
}

import { DISPLAY_TIME_ZONE } from "./display-date";

// rrule computes in "floating" time: it reads and writes the UTC fields of a Date. We therefore
// hand it wall-clock times of the event's zone dressed up as UTC ("wall dates") and convert
// back, so weekdays and dates are those of Asia/Ho_Chi_Minh and not of UTC.

const MINUTE = 60_000;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at `instant`, in minutes (Asia/Ho_Chi_Minh: +420). */
export function zoneOffsetMinutes(instant: Date, timeZone: string = DISPLAY_TIME_ZONE): number {
  const p = Object.fromEntries(offsetFormatter(timeZone).formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);
}

/** The instant as the zone's wall clock, carried in the UTC fields of a Date. */
export function toWallDate(instant: Date, timeZone: string = DISPLAY_TIME_ZONE): Date {
  return new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * MINUTE);
}

/** The instant at which the zone's wall clock shows the UTC fields of `wall`. */
export function fromWallDate(wall: Date, timeZone: string = DISPLAY_TIME_ZONE): Date {
  // Two passes settle the offset even on a day the zone changes it.
  const guess = new Date(wall.getTime() - zoneOffsetMinutes(wall, timeZone) * MINUTE);
  return new Date(wall.getTime() - zoneOffsetMinutes(guess, timeZone) * MINUTE);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A wall date for "yyyy-MM-dd" + "HH:mm"; null when either is malformed or not a real date. */
export function parseWallDate(date: string, time = "00:00"): Date | null {
  const d = DATE_RE.exec(date);
  const t = TIME_RE.exec(time);
  if (!d || !t) return null;
  const wall = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2])));
  return wall.getUTCDate() === Number(d[3]) && wall.getUTCMonth() === Number(d[2]) - 1 ? wall : null;
}

/** "yyyy-MM-dd" + "HH:mm" entered in the zone → the UTC instant; null when malformed. */
export function zonedInputToUtc(date: string, time: string, timeZone: string = DISPLAY_TIME_ZONE): Date | null {
  const wall = parseWallDate(date, time);
  return wall && fromWallDate(wall, timeZone);
}

/** "yyyy-MM-dd" of the instant in the zone. */
export function localDateKey(instant: Date, timeZone: string = DISPLAY_TIME_ZONE): string {
  return toWallDate(instant, timeZone).toISOString().slice(0, 10);
}

/** "HH:mm" of the instant in the zone. */
export function localTimeKey(instant: Date, timeZone: string = DISPLAY_TIME_ZONE): string {
  return toWallDate(instant, timeZone).toISOString().slice(11, 16);
}

/** Midnight (in the zone) starting the Monday-to-Sunday week that contains `instant`. */
export function startOfLocalWeek(instant: Date, timeZone: string = DISPLAY_TIME_ZONE): Date {
  const wall = toWallDate(instant, timeZone);
  const mondayBased = (wall.getUTCDay() + 6) % 7;
  const monday = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() - mondayBased);
  return fromWallDate(new Date(monday), timeZone);
}

/** `days` calendar days after `instant`, keeping the zone's wall-clock time. */
export function addLocalDays(instant: Date, days: number, timeZone: string = DISPLAY_TIME_ZONE): Date {
  const wall = toWallDate(instant, timeZone);
  return fromWallDate(new Date(wall.getTime() + days * 24 * 60 * MINUTE), timeZone);
}

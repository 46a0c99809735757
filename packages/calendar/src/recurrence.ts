import * as rruleModule from "rrule";
import type { Options } from "rrule";
import { DISPLAY_TIME_ZONE } from "./display-date";
import { fromWallDate, localDateKey, parseWallDate, toWallDate } from "./time-zone";

// rrule has no "exports" map: Node loads its CommonJS build, whose named exports an ES module
// cannot see (the worker runs under tsx), while bundlers and Vite read its ES build.
const { RRule } = "RRule" in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;

// Event.rrule holds RFC 5545 lines: one RRULE and at most one EXDATE, e.g.
//   RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270531T165959Z
//   EXDATE;TZID=Asia/Ho_Chi_Minh:20261120T193000,20261224T193000
// DTSTART is not repeated there: it is Event.startsAt, and Event.endsAt - startsAt is the
// duration of every occurrence. A bare "FREQ=…" rule (no RRULE: prefix) is read as well.

export interface TOccurrence {
  startsAt: Date;
  endsAt: Date;
  /** Set on a moved lesson: the start its series gave it (its RECURRENCE-ID). */
  originalStartsAt?: Date;
}

/** One lesson of a series cancelled or moved (an OccurrenceOverride row). */
export interface TOccurrenceOverride {
  originalStartsAt: Date;
  cancelled: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface TSchedulable {
  startsAt: Date;
  endsAt: Date;
  rrule: string | null;
  timeZone?: string;
  /** Lessons of the series cancelled or moved; every view, feed and clash check follows them. */
  overrides?: readonly TOccurrenceOverride[];
}

/** ISO weekday numbers (1 = Monday … 7 = Sunday) and their RFC 5545 names. */
export const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export interface TParsedRecurrence {
  options: Partial<Options>;
  /** Wall-clock UNTIL of the zone, or null for a rule without an end. */
  untilWall: Date | null;
  /** Local dates ("yyyy-MM-dd") on which an occurrence is skipped. */
  exceptionDates: Set<string>;
  /** ISO weekdays of BYDAY. */
  weekdays: number[];
}

function compactToWall(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/.exec(value.trim());
  if (!m) return null;
  const wall = parseWallDate(`${m[1]}-${m[2]}-${m[3]}`, `${m[4] ?? "00"}:${m[5] ?? "00"}`);
  if (!wall) return null;
  const withSeconds = new Date(wall.getTime() + Number(m[6] ?? 0) * 1000);
  return m[7] ? toWallDate(withSeconds, timeZone) : withSeconds;
}

/** Reads Event.rrule; throws on text that is not a rule this app can expand. */
export function parseRecurrence(text: string, timeZone: string = DISPLAY_TIME_ZONE): TParsedRecurrence {
  let ruleText: string | null = null;
  const exceptionDates = new Set<string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    if (line.startsWith("RRULE:")) ruleText = line.slice("RRULE:".length);
    else if (line.startsWith("FREQ=")) ruleText = line;
    else if (line.startsWith("EXDATE")) {
      for (const value of line.slice(line.indexOf(":") + 1).split(",")) {
        const wall = compactToWall(value, timeZone);
        if (!wall) throw new Error(`Invalid EXDATE value: ${value}`);
        exceptionDates.add(wall.toISOString().slice(0, 10));
      }
    } else throw new Error(`Unsupported recurrence line: ${line}`);
  }
  if (!ruleText) throw new Error("Recurrence without an RRULE");
  const options = RRule.parseString(ruleText);
  delete options.dtstart;
  delete options.tzid;
  const untilMatch = /UNTIL=([0-9TZ]+)/.exec(ruleText);
  const untilWall = untilMatch ? compactToWall(untilMatch[1]!, timeZone) : null;
  options.until = untilWall;
  const byweekday = options.byweekday == null ? [] : Array.isArray(options.byweekday) ? options.byweekday : [options.byweekday];
  const weekdays = byweekday.map((d) =>
    typeof d === "number" ? d + 1 : typeof d === "string" ? WEEKDAY_CODES.indexOf(d) + 1 : d.weekday + 1,
  );
  return { options, untilWall, exceptionDates, weekdays };
}

function overlaps(a: TOccurrence, from: Date, to: Date): boolean {
  return a.startsAt < to && a.endsAt > from;
}

/**
 * Occurrences of an event that overlap [from, to), in order: cancelled dates and lessons left
 * out, moved lessons at their new times (wherever their series had them).
 */
export function expandOccurrences(event: TSchedulable, from: Date, to: Date): TOccurrence[] {
  if (!event.rrule) return overlaps(event, from, to) ? [{ startsAt: event.startsAt, endsAt: event.endsAt }] : [];
  const overrides = event.overrides ?? [];
  if (overrides.length === 0) return expandRule(event, from, to);
  const changed = new Set(overrides.map((o) => o.originalStartsAt.getTime()));
  const moved = overrides
    .filter((o): o is TOccurrenceOverride & { startsAt: Date; endsAt: Date } => !o.cancelled && o.startsAt !== null && o.endsAt !== null)
    .map((o) => ({ startsAt: o.startsAt, endsAt: o.endsAt, originalStartsAt: o.originalStartsAt }))
    .filter((o) => overlaps(o, from, to));
  return [...expandRule(event, from, to).filter((o) => !changed.has(o.startsAt.getTime())), ...moved].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The series' own occurrences in [from, to), before any lesson was cancelled or moved. */
export function expandRule(event: TSchedulable, from: Date, to: Date): TOccurrence[] {
  if (!event.rrule) return overlaps(event, from, to) ? [{ startsAt: event.startsAt, endsAt: event.endsAt }] : [];
  const duration = event.endsAt.getTime() - event.startsAt.getTime();
  const timeZone = event.timeZone ?? DISPLAY_TIME_ZONE;
  const { options, exceptionDates } = parseRecurrence(event.rrule, timeZone);
  // An occurrence that began before `from` may still run into it.
  const wallFrom = toWallDate(new Date(from.getTime() - duration), timeZone);
  const wallTo = toWallDate(to, timeZone);
  const rule = new RRule({ ...options, dtstart: skipWholeWeeks(toWallDate(event.startsAt, timeZone), wallFrom, options) });
  const result: TOccurrence[] = [];
  for (const wallStart of rule.between(wallFrom, wallTo, true)) {
    if (exceptionDates.has(wallStart.toISOString().slice(0, 10))) continue;
    const startsAt = fromWallDate(wallStart, timeZone);
    const occurrence = { startsAt, endsAt: new Date(startsAt.getTime() + duration) };
    if (overlaps(occurrence, from, to)) result.push(occurrence);
  }
  return result;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * rrule walks every occurrence from DTSTART, so a series begun in September costs months of
 * iterations to answer a question about March. For a plain weekly rule (no COUNT, no
 * INTERVAL) moving DTSTART forward by whole weeks yields the same occurrences after it.
 */
function skipWholeWeeks(dtstartWall: Date, wallFrom: Date, options: Partial<Options>): Date {
  const plainWeekly = options.freq === RRule.WEEKLY && options.count == null && (options.interval ?? 1) === 1;
  const weeks = Math.floor((wallFrom.getTime() - dtstartWall.getTime()) / WEEK_MS) - 1;
  return plainWeekly && weeks > 0 ? new Date(dtstartWall.getTime() + weeks * WEEK_MS) : dtstartWall;
}

/** The occurrence in progress at `now`, else the next one; null when the series is over. */
export function currentOrNextOccurrence(event: TSchedulable, now: Date, horizonDays = 400): TOccurrence | null {
  const horizon = new Date(now.getTime() + horizonDays * 86_400_000);
  return expandOccurrences(event, now, horizon)[0] ?? null;
}

export interface TWeeklySeriesInput {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Local dates "yyyy-MM-dd" of the first and last day lessons may fall on. */
  firstDate: string;
  lastDate: string;
  /** Local start time "HH:mm" and the length of each lesson. */
  startTime: string;
  durationMinutes: number;
  /** Local dates "yyyy-MM-dd" without a lesson (holidays). */
  exceptionDates: string[];
  timeZone?: string;
}

export interface TWeeklySeries {
  /** The first lesson (Event.startsAt / endsAt). */
  startsAt: Date;
  endsAt: Date;
  /** RRULE + EXDATE lines for Event.rrule. */
  rrule: string;
  /** End of the last lesson, for range queries. */
  seriesEndsAt: Date;
  occurrenceCount: number;
}

function compactUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function compactWall(wall: Date): string {
  return compactUtc(wall).replace(/Z$/, "");
}

/**
 * A weekly series of lessons between two local dates, skipping holidays; null when no lesson
 * falls in the range. Input must already be validated (dates and time well formed).
 */
export function buildWeeklySeries(input: TWeeklySeriesInput): TWeeklySeries | null {
  const timeZone = input.timeZone ?? DISPLAY_TIME_ZONE;
  const firstWall = parseWallDate(input.firstDate, input.startTime);
  const lastDayWall = parseWallDate(input.lastDate, "23:59");
  if (!firstWall || !lastDayWall) throw new Error("buildWeeklySeries: malformed date or time");
  const untilWall = new Date(lastDayWall.getTime() + 59_000);
  const exceptions = new Set(input.exceptionDates);
  const byday = [...new Set(input.weekdays)].sort().map((d) => WEEKDAY_CODES[d - 1]);

  const probe = new RRule({
    freq: RRule.WEEKLY,
    byweekday: [...new Set(input.weekdays)].map((d) => d - 1),
    dtstart: firstWall,
    until: untilWall,
  });
  const wallStarts = probe.all().filter((w) => !exceptions.has(w.toISOString().slice(0, 10)));
  if (wallStarts.length === 0) return null;
  const firstStart = wallStarts[0]!;
  const lastStart = wallStarts[wallStarts.length - 1]!;
  const skipped = probe
    .all()
    .filter((w) => w > firstStart && exceptions.has(w.toISOString().slice(0, 10)))
    .map(compactWall);

  const lines = [`RRULE:FREQ=WEEKLY;BYDAY=${byday.join(",")};UNTIL=${compactUtc(fromWallDate(untilWall, timeZone))}`];
  if (skipped.length > 0) lines.push(`EXDATE;TZID=${timeZone}:${skipped.join(",")}`);
  const duration = input.durationMinutes * 60_000;
  const startsAt = fromWallDate(firstStart, timeZone);
  return {
    startsAt,
    endsAt: new Date(startsAt.getTime() + duration),
    rrule: lines.join("\n"),
    seriesEndsAt: new Date(fromWallDate(lastStart, timeZone).getTime() + duration),
    occurrenceCount: wallStarts.length,
  };
}

/** Event.rrule of a series cut short: no occurrence at or after `end` (UNTIL just before it; a COUNT is dropped). */
export function endRuleBefore(rrule: string, end: Date): string {
  const until = `UNTIL=${compactUtc(new Date(end.getTime() - 1000))}`;
  return rrule
    .split(/\r?\n/)
    .map((line) => {
      const rule = line.trim();
      if (!rule.startsWith("RRULE:") && !rule.startsWith("FREQ=")) return line;
      const parts = rule.replace(/^RRULE:/, "").split(";").filter((part) => !part.startsWith("UNTIL=") && !part.startsWith("COUNT="));
      return `RRULE:${[...parts, until].join(";")}`;
    })
    .join("\n");
}

/** Local dates ("yyyy-MM-dd") of a series' occurrences between two instants; handy in views and tests. */
export function occurrenceDates(event: TSchedulable, from: Date, to: Date): string[] {
  return expandOccurrences(event, from, to).map((o) => localDateKey(o.startsAt, event.timeZone));
}

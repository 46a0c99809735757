import type { ICalDayJsStub } from "ical-generator";
import { toWallDate } from "./time-zone";

/**
 * An instant seen in a zone, in the shape ical-generator accepts for zone-aware dates (its
 * dayjs stub). A plain Date would be written in the server's own zone under the event's TZID;
 * this writes the event zone's wall clock, whatever zone the server runs in.
 */
export class ZonedInstant implements ICalDayJsStub {
  constructor(
    private readonly instant: Date,
    private readonly timeZone: string,
  ) {}

  tz(zone?: string): ZonedInstant {
    return new ZonedInstant(this.instant, zone ?? this.timeZone);
  }

  utc(): ZonedInstant {
    return new ZonedInstant(this.instant, "UTC");
  }

  /** The tokens ical-generator uses: YYYY MM DD HH mm ss. */
  format(pattern = "YYYY-MM-DDTHH:mm:ss"): string {
    const wall = this.timeZone === "UTC" ? this.instant : toWallDate(this.instant, this.timeZone);
    const iso = wall.toISOString();
    const parts: Record<string, string> = {
      YYYY: iso.slice(0, 4),
      MM: iso.slice(5, 7),
      DD: iso.slice(8, 10),
      HH: iso.slice(11, 13),
      mm: iso.slice(14, 16),
      ss: iso.slice(17, 19),
    };
    return pattern.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => parts[token]!);
  }

  isValid(): boolean {
    return !Number.isNaN(this.instant.getTime());
  }

  toDate(): Date {
    return new Date(this.instant);
  }

  toJSON(): string {
    return this.instant.toISOString();
  }
}

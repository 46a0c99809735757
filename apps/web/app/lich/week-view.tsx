import { getTranslations } from "next-intl/server";
import { Link } from "@/components/link";
import { formatDate, formatTime } from "@diemcau/calendar/display-date";
import type { TScheduleItem } from "@/lib/schedule/list-schedule";
import { localDateKey } from "@diemcau/calendar/time-zone";
import { layoutWeek } from "@/lib/schedule/week-layout";
import styles from "./schedule.module.css";

const HOUR_PX = 48;

/** Seven day columns on an hour grid; each block links to the event page. */
export async function WeekView({ items, weekStart, now }: { items: TScheduleItem[]; weekStart: Date; now: Date }) {
  const t = await getTranslations("schedule");
  const { days, firstHour, lastHour } = layoutWeek(items, weekStart);
  const hours = Array.from({ length: lastHour - firstHour }, (_, i) => firstHour + i);
  const height = hours.length * HOUR_PX;
  const todayKey = localDateKey(now);
  return (
    <div className={styles.week} data-testid="week-view">
      <div className={styles.weekHead} aria-hidden="true" />
      {days.map((day, i) => (
        <div key={day.key} className={styles.weekHead} data-today={day.key === todayKey || undefined}>
          <strong>{t(`weekday.${i + 1}`)}</strong>
          <span>{formatDate(day.start)}</span>
        </div>
      ))}
      <div className={styles.hours} style={{ height }}>
        {hours.map((h) => (
          <span key={h} style={{ top: (h - firstHour) * HOUR_PX }}>
            {String(h).padStart(2, "0")}:00
          </span>
        ))}
      </div>
      {days.map((day, i) => (
        <section
          key={day.key}
          className={styles.dayColumn}
          style={{ height }}
          aria-label={`${t(`weekday.${i + 1}`)} ${formatDate(day.start)}`}
        >
          <ul>
            {day.segments.map(({ item, startMinute, endMinute, lane, lanes }) => (
              <li
                key={`${item.eventId}-${item.startsAt.toISOString()}`}
                className={styles.block}
                data-kind={item.kind}
                data-cancelled={item.status === "CANCELLED" || undefined}
                style={{
                  top: ((startMinute - firstHour * 60) / 60) * HOUR_PX,
                  height: Math.max(22, ((endMinute - startMinute) / 60) * HOUR_PX - 2),
                  left: `${(lane / lanes) * 100}%`,
                  width: `${100 / lanes}%`,
                }}
              >
                <Link href={`/su-kien/${item.eventId}`}>
                  <span className={styles.blockTime}>
                    {formatTime(item.startsAt)}–{formatTime(item.endsAt)}
                  </span>{" "}
                  <span className={styles.blockTitle}>{item.title}</span>
                  {item.status === "CANCELLED" && <span className={styles.blockNote}> · {t("cancelled")}</span>}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

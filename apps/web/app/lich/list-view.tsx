import { getTranslations } from "next-intl/server";
import { Link } from "@/components/link";
import { formatDate, formatTime } from "@diemcau/calendar/display-date";
import type { TScheduleItem } from "@/lib/schedule/list-schedule";
import { localDateKey } from "@diemcau/calendar/time-zone";
import { localIsoWeekday } from "@/lib/schedule/week-layout";
import styles from "./schedule.module.css";

/** Occurrences grouped by local date, as a list a screen reader walks through easily. */
export async function ListView({ items, dayHeading: DayHeading = "h2" }: { items: TScheduleItem[]; dayHeading?: "h2" | "h3" }) {
  const [t, te] = await Promise.all([getTranslations("schedule"), getTranslations("events")]);
  if (items.length === 0) return <p className="empty">{t("empty")}</p>;
  const byDay = new Map<string, TScheduleItem[]>();
  for (const item of items) {
    const key = localDateKey(item.startsAt);
    byDay.set(key, [...(byDay.get(key) ?? []), item]);
  }
  return (
    <div className={styles.list} data-testid="list-view">
      {[...byDay.values()].map((dayItems) => {
        const first = dayItems[0]!.startsAt;
        return (
          <section key={localDateKey(first)} aria-label={formatDate(first)}>
            <DayHeading className={styles.listDay}>
              {t(`weekday.${localIsoWeekday(first)}`)}, {formatDate(first)}
            </DayHeading>
            <ul className={styles.listItems}>
              {dayItems.map((item) => (
                <li key={`${item.eventId}-${item.startsAt.toISOString()}`} data-cancelled={item.status === "CANCELLED" || undefined}>
                  <span className={styles.listTime}>
                    {formatTime(item.startsAt)}–{formatTime(item.endsAt)}
                    {localDateKey(item.endsAt) !== localDateKey(item.startsAt) && ` (${formatDate(item.endsAt)})`}
                  </span>
                  <span>
                    <Link href={`/su-kien/${item.eventId}`}>{item.title}</Link>
                    <span className="muted">
                      {" · "}
                      {te(`kind.${item.kind}`)}
                      {item.courseName && ` · ${item.courseName}`}
                      {item.bridgePointCount > 0 && ` · ${t("bridgePointCount", { count: item.bridgePointCount })}`}
                      {` · ${item.hostName}`}
                    </span>{" "}
                    <span className={`status status--${item.status.toLowerCase()}`}>{te(`statusValue.${item.status}`)}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

import { getTranslations } from "next-intl/server";
import { Link } from "@/components/link";
import { formatDateTime } from "@diemcau/calendar/display-date";
import type { TNotification } from "@/lib/schedule/notifications";
import { MarkReadButton } from "./mark-read-button";
import styles from "./schedule.module.css";

export async function NotificationPanel({ notifications }: { notifications: TNotification[] }) {
  if (notifications.length === 0) return null;
  const t = await getTranslations("notifications");
  return (
    <section aria-labelledby="notifications-title" className={styles.notices} role="status">
      <div className={styles.noticesHeader}>
        <h2 id="notifications-title">{t("title")}</h2>
        <MarkReadButton label={t("markRead")} />
      </div>
      <ul>
        {notifications.map((n) => (
          <li key={n.id} data-kind={n.kind}>
            <time dateTime={n.createdAt.toISOString()} className="muted">
              {formatDateTime(n.createdAt)}
            </time>{" "}
            {n.eventId ? (
              <Link href={`/su-kien/${n.eventId}`}>{t(n.kind, { title: n.title, time: formatDateTime(n.startsAt) })}</Link>
            ) : (
              t(n.kind, { title: n.title, time: formatDateTime(n.startsAt) })
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

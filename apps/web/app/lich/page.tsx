import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/require-user";
import { formatDate } from "@diemcau/calendar/display-date";
import { listSchedule } from "@/lib/schedule/list-schedule";
import { listUnreadNotifications } from "@/lib/schedule/notifications";
import { addLocalDays, localDateKey, parseWallDate, startOfLocalWeek, zonedInputToUtc } from "@diemcau/calendar/time-zone";
import { AutoRefresh } from "./auto-refresh";
import { ListView } from "./list-view";
import { NotificationPanel } from "./notification-panel";
import styles from "./schedule.module.css";
import { WeekView } from "./week-view";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("schedule"))("title") };
}

const LIST_WEEKS = 4;

type TSearchParams = Promise<{ xem?: string; ngay?: string }>;

export default async function SchedulePage({ searchParams }: { searchParams: TSearchParams }) {
  const user = await requireUser();
  const { xem, ngay } = await searchParams;
  const view = xem === "danh-sach" ? "list" : "week";
  const now = new Date();
  // ?ngay=yyyy-MM-dd picks the week; anything malformed falls back to this week.
  const anchor = (ngay && parseWallDate(ngay) && zonedInputToUtc(ngay, "12:00")) || now;
  const weekStart = startOfLocalWeek(anchor);
  const rangeEnd = addLocalDays(weekStart, view === "week" ? 7 : 7 * LIST_WEEKS);

  const [t, items, notifications] = await Promise.all([
    getTranslations("schedule"),
    listSchedule(prisma, user, weekStart, rangeEnd),
    listUnreadNotifications(prisma, user.id),
  ]);
  const step = view === "week" ? 7 : 7 * LIST_WEEKS;
  const href = (date: Date, v = view) => `/lich?xem=${v === "list" ? "danh-sach" : "tuan"}&ngay=${localDateKey(date)}`;
  const lastDay = addLocalDays(rangeEnd, -1);

  return (
    <>
      <AutoRefresh intervalMs={15_000} />
      <h1>{t("title")}</h1>
      <p className="muted">
        {t(`scope.${user.role}`)} {t("autoRefresh")}
      </p>
      <NotificationPanel notifications={notifications} />
      <div className={styles.toolbar}>
        <nav aria-label={t("viewLabel")}>
          <Link href={href(weekStart, "week")} aria-current={view === "week" ? "page" : undefined}>
            {t("week")}
          </Link>
          <Link href={href(weekStart, "list")} aria-current={view === "list" ? "page" : undefined}>
            {t("list")}
          </Link>
        </nav>
        <nav aria-label={t("weekOf", { from: formatDate(weekStart), to: formatDate(lastDay) })}>
          <Link href={href(addLocalDays(weekStart, -step))}>{t("previousWeek")}</Link>
          <Link href={href(now)}>{t("thisWeek")}</Link>
          <Link href={href(addLocalDays(weekStart, step))}>{t("nextWeek")}</Link>
        </nav>
        <p className={styles.range}>
          {view === "week"
            ? t("weekOf", { from: formatDate(weekStart), to: formatDate(lastDay) })
            : t("listRange", { from: formatDate(weekStart), to: formatDate(lastDay) })}
        </p>
        <div className={styles.actions}>
          {(user.role === "ADMIN" || user.role === "STAFF") && <Link href="/su-kien/moi">{t("newConference")}</Link>}
          {user.role === "TEACHER" && <Link href="/lop-hoc">{t("myClasses")}</Link>}
        </div>
      </div>
      {view === "week" ? <WeekView items={items} weekStart={weekStart} now={now} /> : <ListView items={items} />}
    </>
  );
}

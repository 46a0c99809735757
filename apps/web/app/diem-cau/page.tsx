import { prisma } from "@diemcau/db";
import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/app/lich/auto-refresh";
import { ListView } from "@/app/lich/list-view";
import { NotificationPanel } from "@/app/lich/notification-panel";
import { requireRole } from "@/lib/auth/require-user";
import { getBridgePointOverview } from "@/lib/bridge-points/get-bridge-point-overview";
import { formatDateTime, formatTime } from "@diemcau/calendar/display-date";
import { listSchedule } from "@/lib/schedule/list-schedule";
import { listUnreadNotifications } from "@/lib/schedule/notifications";

export default async function BridgePointHomePage() {
  const user = await requireRole("BRIDGE_POINT");
  const t = await getTranslations();
  const overview = user.bridgePointId ? await getBridgePointOverview(prisma, user.bridgePointId) : null;
  if (!overview) {
    return (
      <section className="notice">
        <h1>{user.name}</h1>
        <p>{t("bridgePointHome.notLinked")}</p>
      </section>
    );
  }
  const meeting = overview.nextMeeting;
  const now = new Date();
  const [upcoming, notifications] = await Promise.all([
    listSchedule(prisma, user, now, new Date(now.getTime() + 30 * 86_400_000)),
    listUnreadNotifications(prisma, user.id),
  ]);
  return (
    <>
      {/* The room's screen stays open all day: edits and cancellations must show up by themselves. */}
      <AutoRefresh intervalMs={15_000} />
      <h1>{overview.name}</h1>
      <p className="lead">
        {t("bridgePointHome.district", { district: `${overview.district.kind} ${overview.district.name}` })}
        {overview.location && (
          <>
            <br />
            {t("bridgePointHome.location", { location: overview.location })}
          </>
        )}
      </p>
      <section aria-labelledby="next-meeting-title" className="next-meeting">
        <h2 id="next-meeting-title">{t("bridgePointHome.nextMeeting")}</h2>
        {meeting ? (
          <div className="card card--wide">
            <h3 className="card__title">{meeting.title}</h3>
            <p className="next-meeting__time">
              <time dateTime={meeting.startsAt.toISOString()}>{formatDateTime(meeting.startsAt)}</time>
              {" – "}
              <time dateTime={meeting.endsAt.toISOString()}>{formatTime(meeting.endsAt)}</time>
            </p>
            <p>
              <span className={`status status--${meeting.status.toLowerCase()}`}>
                {t(`events.statusValue.${meeting.status}`)}
              </span>{" "}
              {t(`events.kind.${meeting.kind}`)}
            </p>
            <p>{t("bridgePointHome.host", { name: meeting.host.name })}</p>
            <p>{t("bridgePointHome.participants", { count: meeting._count.bridgePoints })}</p>
            <a className="button button--big" href={`/phong/${meeting.id}`}>
              {t("bridgePointHome.join")}
            </a>
          </div>
        ) : (
          <p className="empty">{t("bridgePointHome.noMeeting")}</p>
        )}
      </section>
      <NotificationPanel notifications={notifications} />
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("bridgePointHome.upcoming")}</h2>
        <ListView items={upcoming} dayHeading="h3" />
        <p>
          <Link href="/lich">{t("bridgePointHome.fullSchedule")}</Link>
        </p>
      </section>
    </>
  );
}

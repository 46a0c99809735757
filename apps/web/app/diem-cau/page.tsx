import { prisma } from "@diemcau/db";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/require-user";
import { getBridgePointOverview } from "@/lib/bridge-points/get-bridge-point-overview";
import { formatDateTime, formatTime } from "@/lib/format/date";

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
  return (
    <>
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
    </>
  );
}

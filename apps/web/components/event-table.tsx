import { getTranslations } from "next-intl/server";
import type { TUpcomingEvent } from "@/lib/events/find-upcoming-events";
import { formatDateTime, formatTime } from "@diemcau/calendar/display-date";

/** Upcoming events; `show` picks the column that matters on the page (bridge points or class). */
export async function EventTable({ events, show }: { events: TUpcomingEvent[]; show: "bridgePoints" | "course" }) {
  const t = await getTranslations("events");
  if (events.length === 0) return <p className="empty">{t("none")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("time")}</th>
            <th scope="col">{t("title")}</th>
            <th scope="col">{t("host")}</th>
            <th scope="col">{t(show)}</th>
            <th scope="col">{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">
                <time dateTime={event.startsAt.toISOString()}>{formatDateTime(event.startsAt)}</time>
                {" – "}
                <time dateTime={event.endsAt.toISOString()}>{formatTime(event.endsAt)}</time>
              </td>
              <td>
                {event.title}
                <span className="muted"> · {t(`kind.${event.kind}`)}</span>
              </td>
              <td>{event.host.name}</td>
              <td className={show === "bridgePoints" ? "nowrap" : undefined}>
                {show === "bridgePoints"
                  ? t("bridgePointCount", { count: event._count.bridgePoints })
                  : (event.course?.name ?? "—")}
              </td>
              <td>
                <span className={`status status--${event.status.toLowerCase()}`}>{t(`statusValue.${event.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { forbidden, notFound } from "next/navigation";
import { LATE_AFTER_MINUTES, type TAttendanceStatus } from "@/lib/attendance/summarize-attendance";
import { requireUser } from "@/lib/auth/require-user";
import { formatDateTime, formatTime } from "@diemcau/calendar/display-date";
import { AttendanceChart } from "./attendance-chart";
import { loadVisibleAttendance, sessionStartParam } from "./load-visible-attendance";

export const dynamic = "force-dynamic";

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ buoi?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("attendance"))("title") };
}

const STATUS_CLASS: Record<TAttendanceStatus, string> = {
  present: "status status--scheduled",
  late: "status status--late",
  absent: "status status--live",
};

export default async function AttendancePage({ params, searchParams }: TProps) {
  const user = await requireUser();
  const { id } = await params;
  const sessionStart = sessionStartParam((await searchParams).buoi);
  const [t, attendance] = await Promise.all([getTranslations("attendance"), loadVisibleAttendance(user, id, sessionStart)]);
  if (attendance === "not-found") notFound();
  if (attendance === "forbidden") forbidden();

  const { event, sessions, summary } = attendance;
  const { window } = summary;
  const query = `?buoi=${encodeURIComponent(window.startsAt.toISOString())}`;
  const minutes = (ms: number) => t("minutes", { count: Math.round(ms / 60_000) });
  const started = window.startsAt.getTime() <= Date.now();

  return (
    <>
      <h1>{t("heading", { title: event.title })}</h1>
      <p className="muted">
        {t("host", { name: event.hostName })} · {t("window", { start: formatDateTime(window.startsAt), end: formatTime(window.endsAt) })}
      </p>
      {event.recurring && sessions.length > 1 && (
        <form method="get" className="inline-form">
          <label htmlFor="buoi">{t("session")}</label>{" "}
          <select id="buoi" name="buoi" defaultValue={window.startsAt.toISOString()}>
            {sessions.map((s) => (
              <option key={s.startsAt.toISOString()} value={s.startsAt.toISOString()}>
                {formatDateTime(s.startsAt)}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button button--small">
            {t("show")}
          </button>
        </form>
      )}
      <p>
        {t("export")}:{" "}
        <a href={`/su-kien/${event.id}/diem-danh/csv${query}`} download>
          {t("csv")}
        </a>{" "}
        ·{" "}
        <a href={`/su-kien/${event.id}/diem-danh/xlsx${query}`} download>
          {t("xlsx")}
        </a>
        {(user.role === "ADMIN" || user.role === "STAFF") && (
          <>
            {" "}
            ·{" "}
            <a href={`/su-kien/${event.id}/diem-danh/edxml${query}`} download aria-describedby="edxml-help">
              {t("edxml")}
            </a>
          </>
        )}
      </p>
      {(user.role === "ADMIN" || user.role === "STAFF") && (
        <p id="edxml-help" className="muted">
          {t("edxmlHelp")}
        </p>
      )}
      {!started && <p className="empty">{t("notStarted")}</p>}

      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t("totals")}</h2>
        <ul className="stats" data-testid="attendance-totals">
          {(["present", "late", "absent"] as const).map((status) => (
            <li className="stat" key={status} data-status={status}>
              <span className="stat__value">{summary.totals[status]}</span>
              <span className="stat__label">
                {t(status)} {summary.bridgePoints.length > 0 ? `(${t("bridgePoints").toLowerCase()})` : ""}
              </span>
            </li>
          ))}
        </ul>
        <p className="muted">{t("lateRule", { minutes: LATE_AFTER_MINUTES })}</p>
      </section>

      {summary.bridgePoints.length > 0 && (
        <section aria-labelledby="districts-title">
          <h2 id="districts-title">{t("byDistrict")}</h2>
          <AttendanceChart
            districts={summary.districts}
            labels={{ title: t("chartTitle"), desc: t("chartDesc"), present: t("present"), late: t("late"), absent: t("absent") }}
          />
          <div className="table-wrap">
            <table data-testid="attendance-bridge-points">
              <thead>
                <tr>
                  <th scope="col">{t("district")}</th>
                  <th scope="col">{t("bridgePoint")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("joinedAt")}</th>
                  <th scope="col">{t("duration")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.bridgePoints.map((b) => (
                  <tr key={b.id}>
                    <td>{b.district}</td>
                    <th scope="row">{b.name}</th>
                    <td>
                      <span className={STATUS_CLASS[b.status]}>{t(b.status)}</span>
                    </td>
                    <td>{b.firstJoinedAt ? formatDateTime(b.firstJoinedAt) : "—"}</td>
                    <td>{b.status === "absent" ? "—" : minutes(b.durationMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section aria-labelledby="people-title">
        <h2 id="people-title">{t("people")}</h2>
        {summary.people.length === 0 ? (
          <p className="empty">{t("nobody")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="attendance-people">
              <thead>
                <tr>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("bridgePoint")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("joinedAt")}</th>
                  <th scope="col">{t("leftAt")}</th>
                  <th scope="col">{t("duration")}</th>
                  <th scope="col">{t("joins")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.people.map((p) => (
                  <tr key={p.key}>
                    <th scope="row">{p.name}</th>
                    <td>{p.bridgePointName ?? "—"}</td>
                    <td>
                      <span className={STATUS_CLASS[p.status]}>{t(p.status)}</span>
                    </td>
                    <td>{p.firstJoinedAt ? formatDateTime(p.firstJoinedAt) : "—"}</td>
                    <td>{p.status === "absent" ? "—" : p.lastLeftAt ? formatDateTime(p.lastLeftAt) : t("inRoom")}</td>
                    <td>{p.status === "absent" ? "—" : minutes(p.durationMs)}</td>
                    <td>{p.joins}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

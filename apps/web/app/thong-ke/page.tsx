import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StatisticsCharts } from "@/components/statistics/statistics-charts";
import { requireRole } from "@/lib/auth/require-user";
import { AppError } from "@/lib/errors/app-error";
import type { TStatisticsFigures } from "@/lib/statistics/load-statistics";
import { GROUP_BYS, PERIOD_KINDS } from "@/lib/statistics/statistics-query";
import { loadStatisticsForUser, statisticsPageQuery } from "@/lib/statistics/statistics-page-query";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("statistics"))("title") };
}

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const TOTALS: (keyof TStatisticsFigures)[] = ["conferences", "conferenceHours", "lessons", "lessonHours", "participants", "personHours", "recordings", "recordedHours", "materialsPublished", "views", "watchMinutes"];
const TABLE: (keyof TStatisticsFigures)[] = ["conferences", "lessons", "lessonHours", "participants", "personHours", "recordings", "materialsPublished", "views", "watchMinutes"];

const dayVi = (day: string) => day.split("-").reverse().join("/");
const number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

/** Statistics for staff and administrators: figures, charts and exports of a period (issue 13). */
export default async function StatisticsPage({ searchParams }: TProps) {
  const user = await requireRole("ADMIN", "STAFF");
  const { query, params } = statisticsPageQuery(await searchParams);
  const loaded = await loadStatisticsForUser(prisma, user, query).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 403) forbidden();
    throw error;
  });
  const { stats, ownDistrictId } = loaded;
  const [t, districts] = await Promise.all([
    getTranslations("statistics"),
    prisma.district.findMany({ where: ownDistrictId ? { id: ownDistrictId } : {}, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const exportQuery = new URLSearchParams(params).toString();
  const groupLabel = (label: string | null) => (label === null ? t(`unattributed.${stats.groupBy}`) : stats.groupBy === "grade" ? t("grade", { grade: label }) : label);
  const sessions = (f: TStatisticsFigures) => f.conferences + f.lessons;
  const withAttendance = stats.groupBy === "district" || stats.groupBy === "bridgePoint";

  return (
    <>
      <h1>{t("title")}</h1>
      <form className="statistics-filters" method="get" action="/thong-ke">
        <div className="field">
          <label htmlFor="stats-period">{t("fields.period")}</label>
          <select id="stats-period" name="period" defaultValue={query.period}>
            {PERIOD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`periods.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stats-date">{t("fields.date")}</label>
          <input id="stats-date" name="date" type="date" defaultValue={query.date ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="stats-from">{t("fields.from")}</label>
          <input id="stats-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="stats-to">{t("fields.to")}</label>
          <input id="stats-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="stats-group">{t("fields.groupBy")}</label>
          <select id="stats-group" name="groupBy" defaultValue={query.groupBy}>
            {GROUP_BYS.map((groupBy) => (
              <option key={groupBy} value={groupBy}>
                {t(`groupBys.${groupBy}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stats-district">{t("fields.district")}</label>
          <select id="stats-district" name="districtId" defaultValue={stats.districtId ?? ""}>
            {ownDistrictId ? null : <option value="">{t("allDistricts")}</option>}
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <button className="button" type="submit">
          {t("show")}
        </button>
      </form>

      <p className="lead" data-testid="statistics-period">
        {t("period", { from: dayVi(stats.period.firstDay), to: dayVi(stats.period.lastDay) })}
      </p>
      <p className="inline-form">
        <a className="button button--small" href={`/thong-ke/xuat?format=csv&${exportQuery}`} download>
          {t("exportCsv")}
        </a>
        <a className="button button--small" href={`/thong-ke/xuat?format=xlsx&${exportQuery}`} download>
          {t("exportXlsx")}
        </a>
      </p>

      <ul className="stats" data-testid="statistics-totals">
        {TOTALS.map((key) => (
          <li key={key} className="stat" data-figure={key}>
            <span className="stat__value">{number.format(stats.totals[key])}</span>
            <span className="stat__label">{t(`figures.${key}`)}</span>
          </li>
        ))}
        <li className="stat" data-figure="attendance">
          <span className="stat__value">
            {number.format(stats.totals.attendance.present)} / {number.format(stats.totals.attendance.late)} / {number.format(stats.totals.attendance.absent)}
          </span>
          <span className="stat__label">{t("figures.attendance")}</span>
        </li>
      </ul>

      <StatisticsCharts
        byMonth={stats.period.bucket === "month"}
        trend={stats.trend.map((p) => ({ bucket: p.bucket, sessions: sessions(p), participants: p.participants, views: p.views }))}
        comparison={stats.rows.map((r) => ({ label: groupLabel(r.label), sessions: sessions(r), participants: r.participants, views: r.views }))}
        comparisonTitle={t("comparison", { by: t(`groupBys.${stats.groupBy}`) })}
      />

      <section aria-labelledby="breakdown-title">
        <h2 id="breakdown-title">{t("breakdown", { by: t(`groupBys.${stats.groupBy}`) })}</h2>
        <div className="table-wrap">
          <table data-testid="statistics-rows">
            <thead>
              <tr>
                <th scope="col">{t(`groupBys.${stats.groupBy}`)}</th>
                {TABLE.map((key) => (
                  <th scope="col" key={key}>
                    {t(`figures.${key}`)}
                  </th>
                ))}
                {withAttendance ? <th scope="col">{t("figures.attendance")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {stats.rows.map((row) => (
                <tr key={row.key ?? "none"}>
                  <th scope="row">{groupLabel(row.label)}</th>
                  {TABLE.map((key) => (
                    <td key={key}>{number.format(row[key])}</td>
                  ))}
                  {withAttendance ? <td>{row.attendance ? `${row.attendance.present} / ${row.attendance.late} / ${row.attendance.absent}` : ""}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">{t("placesNote")}</p>
      </section>

      <section aria-labelledby="bridge-points-title">
        <h2 id="bridge-points-title">{t("bridgePoints")}</h2>
        {stats.bridgePoints.length === 0 ? (
          <p className="empty">{t("noBridgePoints")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="statistics-bridge-points">
              <thead>
                <tr>
                  <th scope="col">{t("groupBys.district")}</th>
                  <th scope="col">{t("groupBys.bridgePoint")}</th>
                  <th scope="col">{t("sessions")}</th>
                  <th scope="col">{t("present")}</th>
                  <th scope="col">{t("late")}</th>
                  <th scope="col">{t("absent")}</th>
                  <th scope="col">{t("rate")}</th>
                </tr>
              </thead>
              <tbody>
                {stats.bridgePoints.map((bp) => (
                  <tr key={bp.bridgePointId}>
                    <td>{bp.district}</td>
                    <th scope="row">{bp.name}</th>
                    <td>{bp.sessions}</td>
                    <td>{bp.present}</td>
                    <td>{bp.late}</td>
                    <td>{bp.absent}</td>
                    <td>{bp.sessions > 0 ? `${Math.round(((bp.present + bp.late) / bp.sessions) * 100)}%` : ""}</td>
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

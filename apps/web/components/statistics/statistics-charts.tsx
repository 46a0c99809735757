"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TTrendDatum = { bucket: string; sessions: number; participants: number; views: number };
export type TComparisonDatum = { label: string; sessions: number; participants: number; views: number };

const COLORS = { sessions: "#1f5fa8", participants: "#2e8540", views: "#b35c00" } as const;
const SERIES = ["sessions", "participants", "views"] as const;

/** "yyyy-MM-dd" as the axis shows it: dd/MM for days, MM/yyyy for months. */
function bucketLabel(bucket: string, byMonth: boolean): string {
  const [y, m, d] = bucket.split("-");
  return byMonth ? `${m}/${y}` : `${d}/${m}`;
}

/** The period's trend (sessions, participants, views) and the comparison of the rows of the breakdown. */
export function StatisticsCharts({ trend, byMonth, comparison, comparisonTitle }: { trend: TTrendDatum[]; byMonth: boolean; comparison: TComparisonDatum[]; comparisonTitle: string }) {
  const t = useTranslations("statistics.charts");
  return (
    <div className="statistics-charts">
      <figure className="card" data-testid="trend-chart">
        <figcaption>{t(byMonth ? "trendByMonth" : "trendByDay")}</figcaption>
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={trend.map((p) => ({ ...p, label: bucketLabel(p.bucket, byMonth) }))} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {SERIES.map((key) => (
              <Line key={key} type="monotone" dataKey={key} name={t(key)} stroke={COLORS[key]} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="card" data-testid="comparison-chart">
        <figcaption>{comparisonTitle}</figcaption>
        <ResponsiveContainer width="100%" height={Math.max(240, comparison.length * 34)}>
          <BarChart data={comparison} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="label" width={150} />
            <Tooltip />
            <Legend />
            {SERIES.map((key) => (
              <Bar key={key} dataKey={key} name={t(key)} fill={COLORS[key]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}

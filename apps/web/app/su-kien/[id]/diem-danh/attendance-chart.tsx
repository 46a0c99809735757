import type { TDistrictSummary } from "@/lib/attendance/summarize-attendance";

const COLORS = { present: "#1e7a3c", late: "#d08a00", absent: "#b3261e" } as const;
const ROW = 26;
const LABEL_WIDTH = 150;
const BAR_WIDTH = 320;

/**
 * Stacked horizontal bars, one per district: bridge points present, late, absent. Plain SVG
 * rendered on the server (no chart library, no script), with the numbers in the table below.
 */
export function AttendanceChart({
  districts,
  labels,
}: {
  districts: TDistrictSummary[];
  labels: { title: string; desc: string; present: string; late: string; absent: string };
}) {
  const max = Math.max(1, ...districts.map((d) => d.present + d.late + d.absent));
  const unit = BAR_WIDTH / max;
  const height = districts.length * ROW + 34;
  const legend = (["present", "late", "absent"] as const).map((status, i) => ({ status, x: LABEL_WIDTH + i * 110 }));
  return (
    <svg
      className="attendance-chart"
      role="img"
      aria-labelledby="attendance-chart-title attendance-chart-desc"
      viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + 40} ${height}`}
      width="100%"
      style={{ maxWidth: 560 }}
    >
      <title id="attendance-chart-title">{labels.title}</title>
      <desc id="attendance-chart-desc">{labels.desc}</desc>
      {districts.map((d, i) => {
        const y = i * ROW;
        let x = LABEL_WIDTH;
        return (
          <g key={d.district} data-district={d.district}>
            <text x={LABEL_WIDTH - 8} y={y + 17} textAnchor="end" fontSize="13">
              {d.district}
            </text>
            {(["present", "late", "absent"] as const).map((status) => {
              const width = d[status] * unit;
              const rect = width > 0 && (
                <rect key={status} x={x} y={y + 4} width={width} height={ROW - 8} fill={COLORS[status]}>
                  <title>{`${labels[status]}: ${d[status]}`}</title>
                </rect>
              );
              x += width;
              return rect;
            })}
            <text x={x + 6} y={y + 17} fontSize="12" fill="#5b6675">
              {d.present + d.late}/{d.present + d.late + d.absent}
            </text>
          </g>
        );
      })}
      {legend.map(({ status, x }) => (
        <g key={status}>
          <rect x={x} y={height - 22} width={12} height={12} fill={COLORS[status]} />
          <text x={x + 16} y={height - 12} fontSize="12">
            {labels[status]}
          </text>
        </g>
      ))}
    </svg>
  );
}

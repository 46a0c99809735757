/** What the connection-quality indicator shows. */
export type TConnectionQuality = "good" | "fair" | "poor" | "unknown";

export type TQualityInput = {
  /** mediasoup scores (0–10) of what this client receives and sends; undefined when nothing flows. */
  scores: number[];
  /** Round-trip time of the selected ICE candidate pair, in ms. */
  rttMs?: number;
  /** Share of inbound packets lost since the previous sample, 0–1. */
  lossRatio?: number;
};

/** Worst of the three signals, so one bad direction is not hidden by a good one. */
export function connectionQuality({ scores, rttMs, lossRatio }: TQualityInput): TConnectionQuality {
  const levels: TConnectionQuality[] = [];
  if (scores.length > 0) {
    const worst = Math.min(...scores);
    levels.push(worst >= 8 ? "good" : worst >= 5 ? "fair" : "poor");
  }
  if (rttMs !== undefined) levels.push(rttMs < 200 ? "good" : rttMs < 500 ? "fair" : "poor");
  if (lossRatio !== undefined) levels.push(lossRatio < 0.02 ? "good" : lossRatio < 0.08 ? "fair" : "poor");
  if (levels.length === 0) return "unknown";
  if (levels.includes("poor")) return "poor";
  return levels.includes("fair") ? "fair" : "good";
}

export type TInboundTotals = { packetsReceived: number; packetsLost: number };

/** Loss between two cumulative samples of inbound-rtp counters; undefined when nothing arrived. */
export function lossBetween(previous: TInboundTotals | undefined, current: TInboundTotals): number | undefined {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = Math.max(0, current.packetsLost - (previous?.packetsLost ?? 0));
  if (received + lost <= 0) return undefined;
  return lost / (received + lost);
}

/** Sums inbound-rtp counters and picks the selected candidate pair's RTT out of a stats report. */
export function summarizeStats(report: RTCStatsReport): { totals: TInboundTotals; rttMs?: number } {
  const totals: TInboundTotals = { packetsReceived: 0, packetsLost: 0 };
  let rttMs: number | undefined;
  report.forEach((stat: Record<string, unknown>) => {
    if (stat.type === "inbound-rtp") {
      totals.packetsReceived += Number(stat.packetsReceived ?? 0);
      totals.packetsLost += Number(stat.packetsLost ?? 0);
    } else if (stat.type === "candidate-pair" && stat.nominated && stat.state === "succeeded" && typeof stat.currentRoundTripTime === "number") {
      rttMs = stat.currentRoundTripTime * 1000;
    }
  });
  return { totals, rttMs };
}

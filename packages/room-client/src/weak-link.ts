/** Cumulative inbound counters of one receive transport, summed over its tracks. */
export type TReceivedTotals = {
  at: number;
  packetsReceived: number;
  videoFramesDecoded: number;
  audioSamples: number;
  concealedSamples: number;
};

/**
 * What one stats interval received: whether anything arrived at all, video frames per second and
 * the share of audio the decoder had to invent.
 */
export type TReceivedRates = { anyReceived: boolean; videoFps: number; concealment: number | undefined };

/** Rates between two samples of the totals; undefined when the counters went back (a new transport). */
export function receivedRates(previous: TReceivedTotals | undefined, current: TReceivedTotals): TReceivedRates | undefined {
  if (!previous) return undefined;
  const seconds = (current.at - previous.at) / 1000;
  const frames = current.videoFramesDecoded - previous.videoFramesDecoded;
  const samples = current.audioSamples - previous.audioSamples;
  const concealed = current.concealedSamples - previous.concealedSamples;
  if (seconds <= 0 || frames < 0 || samples < 0 || concealed < 0 || current.packetsReceived < previous.packetsReceived) return undefined;
  const packets = current.packetsReceived - previous.packetsReceived;
  return { anyReceived: packets > 0, videoFps: frames / seconds, concealment: samples > 0 ? concealed / samples : undefined };
}

/**
 * When video cannot keep up: below this many decoded camera frames a second, the pictures are a
 * slide show and their packets are better spent on sound. The lowest camera layer runs at 15 fps
 * (5 at its lowest temporal layer), so a link that carries it stays above.
 */
export const MIN_VIDEO_FPS = 2;
/** More concealed audio than this (a tenth of the sound invented by the decoder) means speech breaks up. */
export const MAX_CONCEALMENT = 0.1;
/** Intervals in a row that must be bad, so one stall (a key frame lost, a layer switch) does not count. */
export const WEAK_INTERVALS = 3;

/**
 * True when the last WEAK_INTERVALS intervals, while camera video was expected, all either decoded
 * almost no video or broke up the audio: then the client drops video for audio-only. An interval
 * in which nothing arrived at all is an outage, which audio-only would not mend (ICE restarts and
 * reconnects do), so it does not count.
 */
export function videoCannotKeepUp(recent: readonly (TReceivedRates & { videoExpected: boolean })[]): boolean {
  const last = recent.slice(-WEAK_INTERVALS);
  if (last.length < WEAK_INTERVALS) return false;
  return last.every((r) => r.videoExpected && r.anyReceived && (r.videoFps < MIN_VIDEO_FPS || (r.concealment ?? 0) > MAX_CONCEALMENT));
}

/**
 * Sums a receive transport's inbound-rtp counters. Only the video tracks `isCamera` names count:
 * a still screen share rightly sends almost no frames.
 */
export function receivedTotals(report: RTCStatsReport, at: number, isCamera: (trackId: string) => boolean): TReceivedTotals {
  const totals: TReceivedTotals = { at, packetsReceived: 0, videoFramesDecoded: 0, audioSamples: 0, concealedSamples: 0 };
  report.forEach((stat: Record<string, unknown>) => {
    if (stat.type !== "inbound-rtp") return;
    totals.packetsReceived += Number(stat.packetsReceived ?? 0);
    if (stat.kind === "video") {
      if (isCamera(String(stat.trackIdentifier))) totals.videoFramesDecoded += Number(stat.framesDecoded ?? 0);
    }
    else {
      totals.audioSamples += Number(stat.totalSamplesReceived ?? 0);
      totals.concealedSamples += Number(stat.concealedSamples ?? 0);
    }
  });
  return totals;
}

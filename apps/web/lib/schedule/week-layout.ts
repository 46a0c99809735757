import { addLocalDays, localDateKey, toWallDate } from "@diemcau/calendar/time-zone";

export interface TTimed {
  startsAt: Date;
  endsAt: Date;
}

export interface TWeekSegment<T extends TTimed> {
  item: T;
  /** Minutes after local midnight of this day; a piece of an item crossing midnight is clipped. */
  startMinute: number;
  endMinute: number;
  /** Side-by-side placement among overlapping segments of the day. */
  lane: number;
  lanes: number;
}

export interface TWeekDay<T extends TTimed> {
  /** Local midnight starting the day. */
  start: Date;
  key: string;
  segments: TWeekSegment<T>[];
}

export interface TWeekLayout<T extends TTimed> {
  days: TWeekDay<T>[];
  /** The hours shown: 07–18 by default, widened to fit every segment. */
  firstHour: number;
  lastHour: number;
}

/** Places items on a Monday-to-Sunday grid in the department's zone, splitting those that cross midnight. */
export function layoutWeek<T extends TTimed>(items: readonly T[], weekStart: Date): TWeekLayout<T> {
  let firstHour = 7;
  let lastHour = 18;
  const days = Array.from({ length: 7 }, (_, i) => {
    const start = addLocalDays(weekStart, i);
    const end = addLocalDays(weekStart, i + 1);
    const dayMinutes = (end.getTime() - start.getTime()) / 60_000;
    const segments = items
      .filter((item) => item.startsAt < end && item.endsAt > start)
      .map((item) => ({
        item,
        startMinute: Math.max(0, (item.startsAt.getTime() - start.getTime()) / 60_000),
        endMinute: Math.min(dayMinutes, (item.endsAt.getTime() - start.getTime()) / 60_000),
        lane: 0,
        lanes: 1,
      }))
      .sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute);
    assignLanes(segments);
    for (const s of segments) {
      firstHour = Math.min(firstHour, Math.floor(s.startMinute / 60));
      lastHour = Math.max(lastHour, Math.ceil(s.endMinute / 60));
    }
    return { start, key: localDateKey(start), segments };
  });
  return { days, firstHour, lastHour };
}

/** Greedy lanes per cluster of overlapping segments (segments sorted by start). */
function assignLanes(segments: { startMinute: number; endMinute: number; lane: number; lanes: number }[]): void {
  let cluster: typeof segments = [];
  let clusterEnd = -1;
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((s) => s.lane + 1));
    for (const s of cluster) s.lanes = lanes;
    cluster = [];
  };
  for (const segment of segments) {
    if (segment.startMinute >= clusterEnd) close();
    const laneEnds = new Map<number, number>();
    for (const s of cluster) laneEnds.set(s.lane, Math.max(laneEnds.get(s.lane) ?? 0, s.endMinute));
    let lane = 0;
    while ((laneEnds.get(lane) ?? -1) > segment.startMinute) lane++;
    segment.lane = lane;
    cluster.push(segment);
    clusterEnd = Math.max(clusterEnd, segment.endMinute);
  }
  close();
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an instant in the zone. */
export function localIsoWeekday(instant: Date): number {
  return ((toWallDate(instant).getUTCDay() + 6) % 7) + 1;
}

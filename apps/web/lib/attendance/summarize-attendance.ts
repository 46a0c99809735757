/** Joining more than this many minutes after the start counts as late. */
export const LATE_AFTER_MINUTES = 10;
/** Joins this long before the start (the lobby opens 15 minutes early) still belong to the session. */
export const EARLY_JOIN_MINUTES = 30;

const MINUTE = 60_000;

export type TAttendanceStatus = "present" | "late" | "absent";

export interface TAttendanceRecord {
  userId: string | null;
  displayName: string;
  bridgePointId: string | null;
  joinedAt: Date;
  /** null while the peer is still in the room (or when its leave was never reported). */
  leftAt: Date | null;
}

export interface TExpectedPerson {
  userId: string;
  name: string;
}

export interface TExpectedBridgePoint {
  id: string;
  name: string;
  district: string;
}

export interface TSessionWindow {
  startsAt: Date;
  endsAt: Date;
}

export interface TPersonAttendance {
  /** The account id, or "guest:<name>" for a guest without an account. */
  key: string;
  userId: string | null;
  name: string;
  bridgePointId: string | null;
  bridgePointName: string | null;
  status: TAttendanceStatus;
  firstJoinedAt: Date | null;
  lastLeftAt: Date | null;
  /** Time in the room, overlapping connections (reconnects, two tabs) counted once. */
  durationMs: number;
  /** How many times the person entered (1 + reconnects). */
  joins: number;
}

export interface TBridgePointAttendance extends TExpectedBridgePoint {
  status: TAttendanceStatus;
  firstJoinedAt: Date | null;
  durationMs: number;
}

export interface TDistrictSummary {
  district: string;
  present: number;
  late: number;
  absent: number;
}

export interface TAttendanceSummary {
  window: TSessionWindow;
  people: TPersonAttendance[];
  bridgePoints: TBridgePointAttendance[];
  districts: TDistrictSummary[];
  totals: { present: number; late: number; absent: number };
}

type TInterval = { from: number; to: number };

/** Length of the union of intervals. */
function unionLength(intervals: TInterval[]): number {
  const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  let total = 0;
  let current: TInterval | undefined;
  for (const interval of sorted) {
    if (current && interval.from <= current.to) current.to = Math.max(current.to, interval.to);
    else {
      if (current) total += current.to - current.from;
      current = { ...interval };
    }
  }
  return total + (current ? current.to - current.from : 0);
}

function statusOf(firstJoinedAt: Date | null, window: TSessionWindow): TAttendanceStatus {
  if (!firstJoinedAt) return "absent";
  return firstJoinedAt.getTime() > window.startsAt.getTime() + LATE_AFTER_MINUTES * MINUTE ? "late" : "present";
}

const STATUS_ORDER: Record<TAttendanceStatus, number> = { present: 0, late: 1, absent: 2 };

/**
 * Who attended one session of an event, for how long, and who did not; bridge points per district.
 * Connections opened outside the session (for another lesson of a series) are ignored. A connection still open
 * counts until `now` or the end of the session, whichever is later, so an unreported leave does
 * not run on forever.
 */
export function summarizeAttendance(input: {
  window: TSessionWindow;
  records: TAttendanceRecord[];
  expectedPeople: TExpectedPerson[];
  expectedBridgePoints: TExpectedBridgePoint[];
  now: Date;
}): TAttendanceSummary {
  const { window, now } = input;
  const windowFrom = window.startsAt.getTime() - EARLY_JOIN_MINUTES * MINUTE;
  const openUntil = Math.min(now.getTime(), window.endsAt.getTime());
  // A connection belongs to the session it was opened for: from EARLY_JOIN_MINUTES before the
  // start to the end (the room admits no one earlier). One left open (its leave never reported)
  // therefore never counts in a later session of the series.
  const records = input.records.filter((r) => r.joinedAt.getTime() >= windowFrom && r.joinedAt.getTime() < window.endsAt.getTime());
  const intervalOf = (r: TAttendanceRecord): TInterval => ({
    from: r.joinedAt.getTime(),
    to: r.leftAt ? r.leftAt.getTime() : Math.max(openUntil, r.joinedAt.getTime()),
  });
  const bridgePointName = new Map(input.expectedBridgePoints.map((b) => [b.id, b.name]));

  const byPerson = new Map<string, TAttendanceRecord[]>();
  for (const record of records) {
    const key = record.userId ?? `guest:${record.displayName}`;
    byPerson.set(key, [...(byPerson.get(key) ?? []), record]);
  }
  const people: TPersonAttendance[] = [...byPerson].map(([key, rows]) => {
    const first = rows.reduce((a, b) => (b.joinedAt < a.joinedAt ? b : a));
    const open = rows.some((r) => !r.leftAt);
    const lastLeft = open ? null : new Date(Math.max(...rows.map((r) => r.leftAt!.getTime())));
    const bridgePointId = rows.find((r) => r.bridgePointId)?.bridgePointId ?? null;
    return {
      key,
      userId: first.userId,
      name: rows[rows.length - 1]!.displayName,
      bridgePointId,
      bridgePointName: bridgePointId ? (bridgePointName.get(bridgePointId) ?? null) : null,
      status: statusOf(first.joinedAt, window),
      firstJoinedAt: first.joinedAt,
      lastLeftAt: lastLeft,
      durationMs: unionLength(rows.map(intervalOf)),
      joins: rows.length,
    };
  });
  for (const expected of input.expectedPeople) {
    if (byPerson.has(expected.userId)) continue;
    people.push({
      key: expected.userId,
      userId: expected.userId,
      name: expected.name,
      bridgePointId: null,
      bridgePointName: null,
      status: "absent",
      firstJoinedAt: null,
      lastLeftAt: null,
      durationMs: 0,
      joins: 0,
    });
  }
  people.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name, "vi"));

  const bridgePoints: TBridgePointAttendance[] = input.expectedBridgePoints.map((bp) => {
    const rows = records.filter((r) => r.bridgePointId === bp.id);
    const firstJoinedAt = rows.length ? new Date(Math.min(...rows.map((r) => r.joinedAt.getTime()))) : null;
    return { ...bp, status: statusOf(firstJoinedAt, window), firstJoinedAt, durationMs: unionLength(rows.map(intervalOf)) };
  });
  bridgePoints.sort((a, b) => a.district.localeCompare(b.district, "vi") || a.name.localeCompare(b.name, "vi"));

  const districts = new Map<string, TDistrictSummary>();
  for (const bp of bridgePoints) {
    const row = districts.get(bp.district) ?? { district: bp.district, present: 0, late: 0, absent: 0 };
    row[bp.status]++;
    districts.set(bp.district, row);
  }
  const counted = bridgePoints.length > 0 ? bridgePoints : people;
  const totals = { present: 0, late: 0, absent: 0 };
  for (const item of counted) totals[item.status]++;

  return { window, people, bridgePoints, districts: [...districts.values()], totals };
}

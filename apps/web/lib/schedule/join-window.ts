import type { EventStatus } from "@diemcau/db";
import { formatDate, formatTime } from "@diemcau/calendar/display-date";

/** How long before the start the lobby (phòng chờ) opens. */
export const LOBBY_LEAD_MS = 15 * 60_000;

export type TJoinState = "cancelled" | "ended" | "not-yet" | "lobby" | "open";

export interface TJoinWindow {
  state: TJoinState;
  /** True when the "Tham gia" button leads somewhere (lobby or room). */
  canEnter: boolean;
  lobbyOpensAt: Date;
  startsAt: Date;
  endsAt: Date;
  /** Until the room opens (not-yet, lobby); 0 otherwise. */
  msUntilStart: number;
}

export interface TJoinable {
  status: EventStatus;
  /** The occurrence being joined: for a series, the current or next lesson (null when none is left). */
  occurrence: { startsAt: Date; endsAt: Date } | null;
}

/** Whether one can enter now: the lobby 15 minutes before the start, the room from the start to the end. */
export function getJoinWindow({ status, occurrence }: TJoinable, now: Date): TJoinWindow {
  const startsAt = occurrence?.startsAt ?? new Date(0);
  const endsAt = occurrence?.endsAt ?? new Date(0);
  const lobbyOpensAt = new Date(startsAt.getTime() - LOBBY_LEAD_MS);
  const base = { lobbyOpensAt, startsAt, endsAt, msUntilStart: Math.max(0, startsAt.getTime() - now.getTime()) };
  if (status === "CANCELLED") return { ...base, state: "cancelled", canEnter: false };
  // A host may keep a meeting LIVE past its planned end; the room stays open while it is.
  if (status === "LIVE" && occurrence) return { ...base, state: "open", canEnter: true };
  if (status === "ENDED" || !occurrence || now >= endsAt) return { ...base, state: "ended", canEnter: false };
  if (now >= startsAt) return { ...base, state: "open", canEnter: true };
  if (now >= lobbyOpensAt) return { ...base, state: "lobby", canEnter: true };
  return { ...base, state: "not-yet", canEnter: false };
}

/** "3 giờ", "2 giờ 5 phút", "12 phút", "2 ngày 4 giờ" — rounded up to the minute. */
export function formatRemaining(ms: number, locale: "vi" | "en" = "vi"): string {
  const totalMinutes = Math.max(1, Math.ceil(ms / 60_000));
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const unit = (n: number, vi: string, en: string) => (locale === "vi" ? `${n} ${vi}` : `${n} ${en}${n === 1 ? "" : "s"}`);
  const parts = days > 0
    ? [unit(days, "ngày", "day"), hours > 0 ? unit(hours, "giờ", "hour") : null]
    : [hours > 0 ? unit(hours, "giờ", "hour") : null, minutes > 0 ? unit(minutes, "phút", "minute") : null];
  return parts.filter(Boolean).join(" ");
}

/** One sentence saying whether and when one can enter, in Vietnamese (default) or English. */
export function describeJoinWindow(window: TJoinWindow, locale: "vi" | "en" = "vi"): string {
  const at = (d: Date) => (locale === "vi" ? `${formatTime(d)} ngày ${formatDate(d)}` : `${formatTime(d)} on ${formatDate(d)}`);
  const remaining = formatRemaining(window.msUntilStart, locale);
  switch (window.state) {
    case "cancelled":
      return locale === "vi" ? "Sự kiện đã bị hủy." : "This event has been cancelled.";
    case "ended":
      return locale === "vi" ? "Sự kiện đã kết thúc." : "This event has ended.";
    case "not-yet":
      return locale === "vi"
        ? `Phòng họp mở lúc ${at(window.startsAt)} (còn ${remaining}). Phòng chờ mở trước 15 phút, lúc ${formatTime(window.lobbyOpensAt)}.`
        : `The room opens at ${at(window.startsAt)} (in ${remaining}). The lobby opens 15 minutes earlier, at ${formatTime(window.lobbyOpensAt)}.`;
    case "lobby":
      return locale === "vi"
        ? `Phòng chờ đã mở. Phòng họp mở lúc ${formatTime(window.startsAt)} (còn ${remaining}).`
        : `The lobby is open. The room opens at ${formatTime(window.startsAt)} (in ${remaining}).`;
    case "open":
      return locale === "vi" ? "Phòng họp đang mở." : "The room is open.";
  }
}

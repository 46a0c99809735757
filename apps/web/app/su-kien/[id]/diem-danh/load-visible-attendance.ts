import { prisma } from "@diemcau/db";
import { canViewAttendance } from "@/lib/attendance/can-view-attendance";
import { loadEventAttendance, type TEventAttendance } from "@/lib/attendance/load-event-attendance";
import type { TSessionUser } from "@/lib/auth/session-user";

/** "buoi" query value (the session's start, ISO) → Date, or undefined when absent or malformed. */
export function sessionStartParam(value: string | string[] | null | undefined): Date | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The attendance, "not-found" or "forbidden": shared by the page and the two downloads. */
export async function loadVisibleAttendance(
  user: TSessionUser,
  eventId: string,
  sessionStart: Date | undefined,
): Promise<TEventAttendance | "not-found" | "forbidden"> {
  const attendance = await loadEventAttendance(prisma, eventId, { sessionStart });
  if (!attendance) return "not-found";
  if (!canViewAttendance(user, attendance.event)) return "forbidden";
  return attendance;
}

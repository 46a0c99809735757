import type { Db } from "@diemcau/db";
import type { TSessionUser } from "../auth/session-user";
import { AppError } from "../errors/app-error";
import { resolveMeetingAccess } from "./resolve-meeting-access";

/** Refuses anyone but the event's host by the schedule: invite links are theirs to make and revoke. */
export async function requireMeetingHost(db: Db, eventId: string, user: TSessionUser): Promise<void> {
  const { access } = await resolveMeetingAccess(db, eventId, user, null);
  if (!access.ok) throw new AppError(access.code, access.message, access.code === "MEETING_NOT_FOUND" ? 404 : 403);
  if (access.role !== "HOST") throw new AppError("MEETING_HOST_ONLY", "Chỉ người chủ trì mới quản lý được đường dẫn mời.", 403);
}

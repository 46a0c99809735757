import { z } from "zod";
import { ZMeetingRoleSchema } from "./join-token";

/**
 * Joins, leaves and removals that media-server reports to web (POST /api/internal/attendance).
 * One join and at most one leave per peer session; web matches them by peerId, so a report
 * that is retried after a lost answer changes nothing.
 */
export const ZAttendanceReportSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("join"),
    peerId: z.string().min(1).max(128),
    /** The room id from the join token: the event's id. */
    room: z.string().min(1).max(128),
    userId: z.string().min(1).max(128),
    displayName: z.string().trim().min(1).max(120),
    role: ZMeetingRoleSchema,
    bridgePointId: z.string().min(1).max(128).optional(),
    at: z.iso.datetime({ offset: true }),
  }),
  z.object({
    type: z.literal("leave"),
    peerId: z.string().min(1).max(128),
    room: z.string().min(1).max(128),
    at: z.iso.datetime({ offset: true }),
  }),
  /** The host removed someone an invite had admitted: web keeps them out of the event (MeetingRemoval). */
  z.object({
    type: z.literal("removed"),
    peerId: z.string().min(1).max(128),
    room: z.string().min(1).max(128),
    userId: z.string().min(1).max(128),
    inviteId: z.string().min(1).max(128),
    at: z.iso.datetime({ offset: true }),
  }),
]);
export type TAttendanceReport = z.infer<typeof ZAttendanceReportSchema>;

/** Reports are sent in batches so a backlog built while web was down drains in few requests. */
export const ATTENDANCE_BATCH_MAX = 500;

export const ZAttendanceBatchSchema = z.object({
  reports: z.array(ZAttendanceReportSchema).min(1).max(ATTENDANCE_BATCH_MAX),
});
export type TAttendanceBatch = z.infer<typeof ZAttendanceBatchSchema>;

export const ZAttendanceBatchResultSchema = z.object({
  /** Reports applied now or already applied before (retries). */
  accepted: z.number().int().nonnegative(),
  /** Reports for a room that is no event: dropped, since retrying cannot fix them. */
  unknownRooms: z.array(z.string()),
});
export type TAttendanceBatchResult = z.infer<typeof ZAttendanceBatchResultSchema>;

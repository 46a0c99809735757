import { z } from "zod";
import { ZMeetingRoleSchema } from "./join-token";

/**
 * Joins and leaves that media-server reports to web (POST /api/internal/attendance).
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

// ── request signature ─────────────────────────────────────────────────────────
// HMAC-SHA256 over "<unix seconds>.<body>" with MEDIA_SECRET: the secret never travels, and a
// captured request cannot be replayed once the timestamp leaves the tolerance window.

export const INTERNAL_TIMESTAMP_HEADER = "x-diemcau-timestamp";
export const INTERNAL_SIGNATURE_HEADER = "x-diemcau-signature";
export const INTERNAL_SIGNATURE_TOLERANCE_SECONDS = 300;

async function hmacHex(secret: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(message));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Headers that authenticate `body` as sent by a holder of the shared secret. */
export async function signInternalRequest(
  body: string,
  secret: string,
  now: number = Date.now(),
): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    [INTERNAL_TIMESTAMP_HEADER]: timestamp,
    [INTERNAL_SIGNATURE_HEADER]: `sha256=${await hmacHex(secret, `${timestamp}.${body}`)}`,
  };
}

/** True when the headers carry a fresh, valid signature of `body`. */
export async function verifyInternalRequest(
  body: string,
  headers: { get(name: string): string | null },
  secret: string,
  now: number = Date.now(),
): Promise<boolean> {
  const timestamp = headers.get(INTERNAL_TIMESTAMP_HEADER);
  const signature = headers.get(INTERNAL_SIGNATURE_HEADER);
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > INTERNAL_SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = `sha256=${await hmacHex(secret, `${timestamp}.${body}`)}`;
  if (expected.length !== signature.length) return false;
  // Constant-time comparison: the answer must not leak how many leading characters matched.
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  return difference === 0;
}

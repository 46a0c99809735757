import type { Db } from "@diemcau/db";
import { verifyInternalRequest, ZRecordingEventBatchSchema } from "@diemcau/protocol";
import { NextResponse } from "next/server";
import { apiError } from "../api/api-error";
import { applyRecordingEvent, type TEnqueueFinalize } from "./apply-recording-event";

/** A full batch of 200 events is about 60 kB. */
const MAX_BODY_BYTES = 500_000;

/**
 * POST /api/internal/recordings/events: batches from media-server's recorder, signed with
 * MEDIA_SECRET like the attendance reports. Events apply in order; a failure answers 503 so the
 * sender retries the whole batch, which is safe because every event is idempotent.
 */
export async function handleRecordingEventsRequest(
  request: Request,
  { db, secret, enqueueFinalize }: { db: Db; secret: string; enqueueFinalize: TEnqueueFinalize },
): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return apiError(413, "RECORDING_EVENTS_TOO_LARGE", "Gói sự kiện ghi hình quá lớn.");
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return apiError(413, "RECORDING_EVENTS_TOO_LARGE", "Gói sự kiện ghi hình quá lớn.");
  if (!(await verifyInternalRequest(body, request.headers, secret)))
    return apiError(401, "INTERNAL_SIGNATURE_INVALID", "Chữ ký của yêu cầu nội bộ không hợp lệ hoặc đã hết hạn.");

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return apiError(400, "RECORDING_EVENTS_BAD_JSON", "Nội dung sự kiện ghi hình không phải JSON hợp lệ.");
  }
  const batch = ZRecordingEventBatchSchema.safeParse(json);
  if (!batch.success) {
    const first = batch.error.issues[0];
    const where = first ? ` (${first.path.join(".") || "body"}: ${first.message})` : "";
    return apiError(400, "RECORDING_EVENTS_INVALID", `Sự kiện ghi hình không đúng định dạng${where}.`);
  }
  try {
    for (const event of batch.data.events) await applyRecordingEvent(db, event, enqueueFinalize);
  } catch (error) {
    console.error("[web] recording events:", error);
    return apiError(503, "RECORDING_EVENTS_RETRY", "Chưa lưu được sự kiện ghi hình; hãy gửi lại sau.");
  }
  return NextResponse.json({ accepted: batch.data.events.length });
}

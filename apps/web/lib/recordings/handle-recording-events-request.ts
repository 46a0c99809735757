import type { Db } from "@diemcau/db";
import { ZRecordingEventBatchSchema } from "@diemcau/protocol";
import { NextResponse } from "next/server";
import { apiError } from "../api/api-error";
import { databaseNonceStore } from "../internal/database-nonce-store";
import { readSignedBatch } from "../internal/read-signed-batch";
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
  const batch = await readSignedBatch(request, {
    secret,
    nonces: databaseNonceStore(db),
    schema: ZRecordingEventBatchSchema,
    maxBytes: MAX_BODY_BYTES,
    codePrefix: "RECORDING_EVENTS",
    noun: "sự kiện ghi hình",
  });
  if (!batch.ok) return batch.response;
  try {
    for (const event of batch.data.events) await applyRecordingEvent(db, event, enqueueFinalize);
  } catch (error) {
    console.error("[web] recording events:", error);
    return apiError(503, "RECORDING_EVENTS_RETRY", "Chưa lưu được sự kiện ghi hình; hãy gửi lại sau.");
  }
  return NextResponse.json({ accepted: batch.data.events.length });
}

import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { getMediaSecret } from "@/lib/meetings/media-secret";
import { handleRecordingEventsRequest } from "@/lib/recordings/handle-recording-events-request";

export const dynamic = "force-dynamic";

/** Recorder events from media-server; authenticated by an HMAC of the body with MEDIA_SECRET, not by a session. */
export async function POST(request: NextRequest): Promise<Response> {
  return handleRecordingEventsRequest(request, {
    db: prisma,
    secret: getMediaSecret(),
    enqueueFinalize: (recordingId) => enqueueJob("recording.finalize", { recordingId }),
  });
}

import { signInternalRequest, type TRecordingEvent } from "@diemcau/protocol";

/**
 * Sends recorder events to web's signed internal endpoint, as media-server's reporter does (signed
 * with MEDIA_SECRET), for benchmarks that stand in for a recorder with files already on disk.
 */
export async function reportRecordingEvents(baseUrl: string, mediaSecret: string, events: TRecordingEvent[]): Promise<void> {
  const body = JSON.stringify({ events });
  const path = "/api/internal/recordings/events";
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(await signInternalRequest({ method: "POST", path, body }, mediaSecret)) },
    body,
  });
  if (!response.ok) throw new Error(`${events.map((e) => e.type).join(", ")} refused: ${response.status} ${await response.text()}`);
}

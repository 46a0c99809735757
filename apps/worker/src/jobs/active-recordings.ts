import { signInternalRequest, ZActiveRecordingsSchema } from "@diemcau/protocol";

const ACTIVE_RECORDINGS_PATH = "/recordings/active";

/**
 * Asks media-server which recordings it is writing now (GET /recordings/active, a request signed
 * with MEDIA_SECRET). null when it cannot be asked (down, refusing, answering nonsense).
 */
export async function fetchActiveRecordings(
  mediaServerUrl: string,
  mediaSecret: string,
  timeoutMs = 5000,
): Promise<Set<string> | null> {
  try {
    const response = await fetch(new URL(ACTIVE_RECORDINGS_PATH, mediaServerUrl), {
      headers: await signInternalRequest({ method: "GET", path: ACTIVE_RECORDINGS_PATH, body: "" }, mediaSecret),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    return new Set(ZActiveRecordingsSchema.parse(await response.json()).recordingIds);
  } catch {
    return null;
  }
}

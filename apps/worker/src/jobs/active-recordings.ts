import { ZActiveRecordingsSchema } from "@diemcau/protocol";

/**
 * Asks media-server which recordings it is writing now (GET /recordings/active, Bearer
 * MEDIA_SECRET). null when it cannot be asked (down, refusing, answering nonsense).
 */
export async function fetchActiveRecordings(
  mediaServerUrl: string,
  mediaSecret: string,
  timeoutMs = 5000,
): Promise<Set<string> | null> {
  try {
    const response = await fetch(new URL("/recordings/active", mediaServerUrl), {
      headers: { authorization: `Bearer ${mediaSecret}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    return new Set(ZActiveRecordingsSchema.parse(await response.json()).recordingIds);
  } catch {
    return null;
  }
}

import { ZMediaServerHealthSchema, type TComponentHealth } from "@diemcau/protocol";
import { describeError } from "./with-timeout";

/** Asks media-server's GET /health; a malformed answer counts as down. */
export async function checkMediaServer(mediaServerUrl: string, timeoutMs = 2_000): Promise<TComponentHealth> {
  try {
    const res = await fetch(new URL("/health", mediaServerUrl), {
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
    if (!res.ok) return { ok: false, detail: `HTTP ${res.status}` };
    const health = ZMediaServerHealthSchema.parse(await res.json());
    return { ok: health.ok, detail: `${health.workers} workers, ${health.rooms} rooms` };
  } catch (err) {
    return { ok: false, detail: describeError(err) };
  }
}

import { recordingKeys } from "@diemcau/protocol";
import type { NextRequest } from "next/server";
import { apiError } from "@/lib/api/api-error";
import { getConfig } from "@/lib/config";
import { serveStorageFile } from "@/lib/materials/serve-storage-file";
import { liveSegmentCache } from "@/lib/recordings/live-segment-cache";
import { getMediaStorage } from "@/lib/recordings/media-storage";
import { verifyLiveToken } from "@/lib/recordings/live-token";

export const dynamic = "force-dynamic";

const LIVE_FILE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:m3u8|ts)$/;

/** Live playlist and segments of a recording being written, for the watch page (token from the page). */
async function serve(request: NextRequest, { params }: { params: Promise<{ token: string; file: string }> }): Promise<Response> {
  const { token, file } = await params;
  const recordingId = verifyLiveToken(token, getConfig().AUTH_SECRET);
  if (!recordingId || !LIVE_FILE.test(file)) return apiError(404, "LIVE_NOT_FOUND", "Không tìm thấy luồng trực tiếp.");
  // The playlist changes every segment; a segment never changes once listed.
  const isPlaylist = file.endsWith(".m3u8");
  return serveStorageFile(request, getMediaStorage().local, `${recordingKeys.liveDir(recordingId)}/${file}`, {
    cacheControl: isPlaylist ? "no-cache" : "private, max-age=86400, immutable",
    memory: liveSegmentCache,
  });
}

export const GET = serve;
export const HEAD = serve;

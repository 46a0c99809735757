import { prisma } from "@diemcau/db";
import { recordingKeys } from "@diemcau/protocol";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors/app-error";
import { serveStorageFile } from "@/lib/materials/serve-storage-file";
import { liveSegmentCache } from "@/lib/recordings/live-segment-cache";
import { getMediaStorage } from "@/lib/recordings/media-storage";
import { verifyLiveToken } from "@/lib/recordings/live-token";
import { liveWatchAllowed } from "@/lib/recordings/live-watch-state";

export const dynamic = "force-dynamic";

const LIVE_FILE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:m3u8|ts)$/;

type TParams = { params: Promise<{ eventId: string; token: string; file: string }> };

/**
 * Live playlist and segments of a recording being written, for the watch page: only to the
 * signed-in viewer the page made the token for, on that event, until the host revokes the links
 * or the recording becomes a material.
 */
async function serve(request: NextRequest, { params }: TParams): Promise<Response> {
  const { eventId, token, file } = await params;
  return catchAppError(async () => {
    const claims = verifyLiveToken(token, getConfig().AUTH_SECRET);
    const viewer = claims && LIVE_FILE.test(file) ? await getCurrentUser() : null;
    if (!claims || viewer?.id !== claims.viewerId || !(await liveWatchAllowed(prisma, claims, eventId))) {
      throw new AppError("LIVE_NOT_FOUND", "Không tìm thấy luồng trực tiếp.", 404);
    }
    // The playlist changes every segment; a segment never changes once listed.
    const isPlaylist = file.endsWith(".m3u8");
    return serveStorageFile(request, getMediaStorage().local, `${recordingKeys.liveDir(claims.recordingId)}/${file}`, {
      cacheControl: isPlaylist ? "no-cache" : "private, max-age=86400, immutable",
      memory: liveSegmentCache,
    });
  });
}

export const GET = serve;
export const HEAD = serve;

import { SERVED_CAPTIONS_ORDER, servedCaptionsVtt } from "@diemcau/captions";
import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { loadClipTimeline } from "@/lib/materials/clip-timeline";
import { requireViewableMaterial } from "@/lib/materials/material-access";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

/** The Vietnamese subtitle track: the material's speech (uploaded captions, else the engine's), never slide text. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return catchAppError(async () => {
    const viewer = await getCurrentUser();
    const access = await requireViewableMaterial(prisma, id, viewer);
    const [segments, clip] = await Promise.all([
      prisma.transcriptSegment.findMany({ where: { materialId: id }, orderBy: SERVED_CAPTIONS_ORDER, select: { startSec: true, endSec: true, text: true, source: true } }),
      loadClipTimeline(getMediaStorage(), access),
    ]);
    // Only what the trimmed media holds, on its timeline: words spoken in a cut part are cut too.
    const headers = new Headers({ "content-type": "text/vtt; charset=utf-8", "cache-control": "private, no-cache" });
    // Anonymous viewers get only public materials: a portal's sandboxed embed may read the track.
    if (!viewer) headers.set("access-control-allow-origin", "*");
    return new Response(servedCaptionsVtt(segments, clip), { headers });
  });
}

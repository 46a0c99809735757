import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { SERVED_CAPTIONS_ORDER, servedCaptionsVtt } from "@diemcau/captions";
import { loadClipTimeline } from "@/lib/materials/clip-timeline";
import { requireViewableMaterial } from "@/lib/materials/material-access";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

/** The captions track, built from the material's transcript segments. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return catchAppError(async () => {
    const access = await requireViewableMaterial(prisma, id, await getCurrentUser());
    const [segments, clip] = await Promise.all([
      prisma.transcriptSegment.findMany({ where: { materialId: id }, orderBy: SERVED_CAPTIONS_ORDER }),
      loadClipTimeline(getMediaStorage(), access),
    ]);
    return new Response(servedCaptionsVtt(segments, clip), { headers: { "content-type": "text/vtt; charset=utf-8", "cache-control": "private, no-cache" } });
  });
}

import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { captionsVtt } from "@/lib/materials/build-vtt";
import { loadClipTimeline, toClipTimes } from "@/lib/materials/clip-timeline";
import { requireViewableMaterial } from "@/lib/materials/material-access";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

/** The captions track, built from the material's transcript segments. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return catchAppError(async () => {
    const access = await requireViewableMaterial(prisma, id, await getCurrentUser());
    const [segments, clip] = await Promise.all([
      prisma.transcriptSegment.findMany({ where: { materialId: id }, orderBy: { startSec: "asc" } }),
      loadClipTimeline(getMediaStorage(), access),
    ]);
    // Only what the trimmed media holds, on its timeline: words spoken in a cut part are cut too.
    return new Response(captionsVtt(toClipTimes(segments, clip)), { headers: { "content-type": "text/vtt; charset=utf-8", "cache-control": "private, no-cache" } });
  });
}

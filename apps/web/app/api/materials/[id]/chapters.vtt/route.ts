import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { chaptersVtt } from "@diemcau/captions";
import { toClipTimes } from "@diemcau/protocol";
import { loadClipTimeline } from "@/lib/materials/clip-timeline";
import { requireViewableMaterial } from "@/lib/materials/material-access";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

/** The chapters track, built from the material's Chapter rows. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return catchAppError(async () => {
    const access = await requireViewableMaterial(prisma, id, await getCurrentUser());
    const [chapters, recording, clip] = await Promise.all([
      prisma.chapter.findMany({ where: { materialId: id }, orderBy: { startSec: "asc" } }),
      prisma.material.findUnique({ where: { id }, select: { recording: { select: { durationSec: true } } } }),
      loadClipTimeline(getMediaStorage(), access),
    ]);
    const duration = recording?.recording?.durationSec ?? (chapters.at(-1)?.startSec ?? 0) + 3600;
    // Each chapter runs to the next one's start; the clip keeps those inside it, moved onto its timeline.
    const spans = chapters.map((chapter, index) => ({ ...chapter, endSec: chapters[index + 1]?.startSec ?? duration }));
    const clipped = toClipTimes(spans, clip);
    return new Response(chaptersVtt(clipped, clipped.at(-1)?.endSec ?? 0), { headers: { "content-type": "text/vtt; charset=utf-8", "cache-control": "private, no-cache" } });
  });
}

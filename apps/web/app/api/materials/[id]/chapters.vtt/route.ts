import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { chaptersVtt } from "@diemcau/captions";
import { requireViewableMaterial } from "@/lib/materials/material-access";

export const dynamic = "force-dynamic";

/** The chapters track, built from the material's Chapter rows. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return catchAppError(async () => {
    await requireViewableMaterial(prisma, id, await getCurrentUser());
    const [chapters, recording] = await Promise.all([
      prisma.chapter.findMany({ where: { materialId: id }, orderBy: { startSec: "asc" } }),
      prisma.material.findUnique({ where: { id }, select: { recording: { select: { durationSec: true } } } }),
    ]);
    const duration = recording?.recording?.durationSec ?? (chapters.at(-1)?.startSec ?? 0) + 3600;
    return new Response(chaptersVtt(chapters, duration), { headers: { "content-type": "text/vtt; charset=utf-8", "cache-control": "private, no-cache" } });
  });
}

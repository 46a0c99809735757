import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { captionsVtt } from "@diemcau/captions";
import { requireViewableMaterial } from "@/lib/materials/material-access";

export const dynamic = "force-dynamic";

/** The captions track, built from the material's transcript segments. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return catchAppError(async () => {
    await requireViewableMaterial(prisma, id, await getCurrentUser());
    const segments = await prisma.transcriptSegment.findMany({ where: { materialId: id }, orderBy: { startSec: "asc" } });
    return new Response(captionsVtt(segments), { headers: { "content-type": "text/vtt; charset=utf-8", "cache-control": "private, no-cache" } });
  });
}

import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { captionsVtt } from "@/lib/materials/build-vtt";
import { requireViewableMaterial } from "@/lib/materials/material-access";

export const dynamic = "force-dynamic";

/** The captions track, built from the material's transcript segments. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return catchAppError(async () => {
    const viewer = await getCurrentUser();
    await requireViewableMaterial(prisma, id, viewer);
    const segments = await prisma.transcriptSegment.findMany({ where: { materialId: id }, orderBy: { startSec: "asc" } });
    const headers = new Headers({ "content-type": "text/vtt; charset=utf-8", "cache-control": "private, no-cache" });
    // Anonymous viewers see only public materials: a portal's sandboxed embed may read the track.
    if (!viewer) headers.set("access-control-allow-origin", "*");
    return new Response(captionsVtt(segments), { headers });
  });
}

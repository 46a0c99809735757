import { captionsVtt } from "@diemcau/captions";
import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { requireViewableMaterial } from "@/lib/materials/material-access";
import { loadTranscript } from "@/lib/transcript/load-transcript";

export const dynamic = "force-dynamic";

/** The Vietnamese subtitle track: the material's speech (uploaded captions, else the engine's), never slide text. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return catchAppError(async () => {
    await requireViewableMaterial(prisma, id, await getCurrentUser());
    const { spoken } = await loadTranscript(prisma, id);
    return new Response(captionsVtt(spoken), { headers: { "content-type": "text/vtt; charset=utf-8", "cache-control": "private, no-cache" } });
  });
}

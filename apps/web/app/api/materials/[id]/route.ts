import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { withRole } from "@/lib/auth/with-role";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { getMaterialDetail } from "@/lib/materials/get-material-detail";
import { requireViewableMaterial } from "@/lib/materials/material-access";
import { updateMaterial } from "@/lib/materials/update-material";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Processing and transcription state, polled by the player page's progress bars. */
export async function GET(_request: NextRequest, { params }: TContext): Promise<Response> {
  const { id } = await params;
  return toApiResponse(async () => {
    await requireViewableMaterial(prisma, id, await getCurrentUser());
    const detail = await getMaterialDetail(prisma, getMediaStorage(), id);
    const recording = detail?.material.recording;
    const material = detail?.material;
    return {
      status: recording?.status ?? null,
      progress: recording?.progress ?? 0,
      playlistPath: detail?.playlistPath ?? null,
      error: recording?.error ?? null,
      transcription: { status: material?.transcriptionStatus ?? null, progress: material?.transcriptionProgress ?? 0, error: material?.transcriptionError ?? null },
    };
  });
}

export const PATCH = withRole<TContext>(["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT"], async (request, { params, user }) => {
  const { id } = await params;
  return toApiResponse(async () =>
    updateMaterial(
      prisma,
      id,
      user,
      await readJson(request),
      (materialId) => enqueueJob("material.trim-download", { materialId }),
      (materialId) => enqueueJob("material.sign", { materialId }),
    ),
  );
});

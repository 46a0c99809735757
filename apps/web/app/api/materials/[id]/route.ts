import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { apiError } from "@/lib/api/api-error";
import { getCurrentUser } from "@/lib/auth/require-user";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { withRole } from "@/lib/auth/with-role";
import { getMaterialDetail } from "@/lib/materials/get-material-detail";
import { loadMaterialAccess } from "@/lib/materials/material-access";
import { updateMaterial } from "@/lib/materials/update-material";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Processing state, polled by the player page's progress bar. */
export async function GET(_request: NextRequest, { params }: TContext): Promise<Response> {
  const { id } = await params;
  const access = await loadMaterialAccess(prisma, id, await getCurrentUser());
  if (!access?.canView) return apiError(404, "MATERIAL_NOT_FOUND", "Không tìm thấy học liệu.");
  const detail = await getMaterialDetail(prisma, getMediaStorage(), id);
  const recording = detail?.material.recording;
  return Response.json(
    { status: recording?.status ?? null, progress: recording?.progress ?? 0, playlistPath: detail?.playlistPath ?? null, error: recording?.error ?? null },
    { headers: { "cache-control": "no-store" } },
  );
}

export const PATCH = withRole<TContext>(["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT"], async (request, { params, user }) => {
  const { id } = await params;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "MATERIAL_BAD_JSON", "Nội dung gửi lên không phải JSON hợp lệ.");
  }
  return updateMaterial(prisma, id, user, body, (materialId) => enqueueJob("material.trim-download", { materialId }));
});

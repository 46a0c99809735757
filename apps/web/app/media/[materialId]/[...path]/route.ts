import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { handleMediaRequest } from "@/lib/materials/handle-media-request";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ materialId: string; path: string[] }> };

async function serve(request: NextRequest, { params }: TContext): Promise<Response> {
  const { materialId, path } = await params;
  return catchAppError(async () =>
    handleMediaRequest(request, { db: prisma, storage: getMediaStorage(), viewer: await getCurrentUser(), materialId, path }),
  );
}

export const GET = serve;
export const HEAD = serve;

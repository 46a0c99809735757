import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { requireViewableMaterial } from "@/lib/materials/material-access";
import { requestClientAddress } from "@/lib/security/request-client-address";
import { recordViewHeartbeat } from "@/lib/views/record-view-heartbeat";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** The player's heartbeat while it plays: { playedSec }. Counts views and watch time. */
export async function POST(request: NextRequest, { params }: TContext): Promise<Response> {
  const { id } = await params;
  return toApiResponse(async () => {
    const viewer = await getCurrentUser();
    await requireViewableMaterial(prisma, id, viewer);
    // The address behind an anonymous viewer's daily key: X-Forwarded-For only from a trusted proxy.
    const address = requestClientAddress(request.headers);
    return recordViewHeartbeat(prisma, {
      materialId: id,
      viewer,
      client: { address, userAgent: request.headers.get("user-agent") ?? "" },
      body: await readJson(request),
    });
  });
}

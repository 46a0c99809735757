import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { toApiResponse } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { searchVisibleMaterials } from "@/lib/search/search-visible-materials";

export const dynamic = "force-dynamic";

/** GET /api/search?q=&subject=&grade=&district=&teacher=&from=&to=&kind=&sort=&page=&typing= */
export async function GET(request: NextRequest): Promise<Response> {
  return toApiResponse(async () =>
    searchVisibleMaterials(prisma, await getCurrentUser(), Object.fromEntries(request.nextUrl.searchParams)),
  );
}

import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { createFirstAdmin } from "@/lib/accounts/redeem-account-token";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

/** Creates the first administrator with the one-time token `npm start` printed ({ token, name, email, password } as JSON). */
export async function POST(request: NextRequest): Promise<Response> {
  return toApiResponse(async () => createFirstAdmin(prisma, await readJson(request)), 201);
}

import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { resetPasswordWithToken } from "@/lib/accounts/redeem-account-token";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

/** Sets a new password with a one-time reset link's token ({ token, password } as JSON). */
export async function POST(request: NextRequest): Promise<Response> {
  return toApiResponse(async () => resetPasswordWithToken(prisma, await readJson(request)));
}

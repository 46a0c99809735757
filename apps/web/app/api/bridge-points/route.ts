import { prisma } from "@diemcau/db";
import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { listBridgePoints } from "@/lib/bridge-points/list-bridge-points";

export const dynamic = "force-dynamic";

export const GET = withRole(["ADMIN", "STAFF"], async () => {
  const bridgePoints = await listBridgePoints(prisma);
  return NextResponse.json({ bridgePoints });
});

import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BridgePointTable } from "@/components/bridge-point-table";
import { requireRole } from "@/lib/auth/require-user";
import { listBridgePoints } from "@/lib/bridge-points/list-bridge-points";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("bridgePointList"))("title") };
}

export default async function BridgePointListPage() {
  await requireRole("ADMIN", "STAFF");
  const [t, bridgePoints] = await Promise.all([getTranslations("bridgePointList"), listBridgePoints(prisma)]);
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <BridgePointTable bridgePoints={bridgePoints} withAccounts />
    </>
  );
}

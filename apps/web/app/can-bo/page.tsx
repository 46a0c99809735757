import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { BridgePointTable } from "@/components/bridge-point-table";
import { EventTable } from "@/components/event-table";
import { requireRole } from "@/lib/auth/require-user";
import { listBridgePoints } from "@/lib/bridge-points/list-bridge-points";
import { findUpcomingEvents } from "@/lib/events/find-upcoming-events";
import { FailedRecordingsAlert } from "@/components/failed-recordings-alert";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("title") };
}

export default async function StaffHomePage() {
  await requireRole("ADMIN", "STAFF");
  const [t, conferences, bridgePoints] = await Promise.all([
    getTranslations("staff"),
    findUpcomingEvents(prisma, { kind: "CONFERENCE" }),
    listBridgePoints(prisma),
  ]);
  return (
    <>
      <h1>{t("title")}</h1>
      <FailedRecordingsAlert />
      <p className="inline-form">
        <Link className="button" href="/quan-tri/tai-khoan">
          {t("manageAccounts")}
        </Link>
        <Link href="/quan-tri/nhat-ky">{t("auditLog")}</Link>
      </p>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("upcoming")}</h2>
        <EventTable events={conferences} show="bridgePoints" />
      </section>
      <section aria-labelledby="bridge-points-title">
        <h2 id="bridge-points-title">{t("bridgePoints", { count: bridgePoints.length })}</h2>
        <BridgePointTable bridgePoints={bridgePoints} />
        <p>
          <Link href="/can-bo/diem-cau">{t("allBridgePoints")}</Link>
        </p>
      </section>
    </>
  );
}

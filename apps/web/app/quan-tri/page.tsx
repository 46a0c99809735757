import { prisma, type Role } from "@diemcau/db";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { BridgePointTable } from "@/components/bridge-point-table";
import { EventTable } from "@/components/event-table";
import { requireRole } from "@/lib/auth/require-user";
import { listBridgePoints } from "@/lib/bridge-points/list-bridge-points";
import { findUpcomingEvents } from "@/lib/events/find-upcoming-events";
import { countUsersByRole } from "@/lib/users/count-users-by-role";
import { FailedRecordingsAlert } from "@/components/failed-recordings-alert";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminHomePage() {
  await requireRole("ADMIN");
  const [t, counts, conferences, bridgePoints] = await Promise.all([
    getTranslations(),
    countUsersByRole(prisma),
    findUpcomingEvents(prisma, { kind: "CONFERENCE" }),
    listBridgePoints(prisma),
  ]);
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <FailedRecordingsAlert />
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t("admin.accounts")}</h2>
        <ul className="stats">
          {(Object.keys(counts) as Role[]).map((role) => (
            <li key={role} className="stat">
              <span className="stat__value">{counts[role]}</span>
              <span className="stat__label">{t(`roles.${role}`)}</span>
            </li>
          ))}
        </ul>
        <p className="inline-form">
          <Link className="button" href="/quan-tri/tai-khoan">
            {t("admin.manageAccounts")}
          </Link>
          <Link href="/quan-tri/nhat-ky">{t("admin.auditLog")}</Link>
        </p>
      </section>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("admin.upcoming")}</h2>
        <EventTable events={conferences} show="bridgePoints" />
      </section>
      <section aria-labelledby="bridge-points-title">
        <h2 id="bridge-points-title">{t("admin.bridgePoints", { count: bridgePoints.length })}</h2>
        <BridgePointTable bridgePoints={bridgePoints} />
      </section>
    </>
  );
}

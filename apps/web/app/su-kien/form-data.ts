import { prisma } from "@diemcau/db";
import { getTranslations } from "next-intl/server";
import { listBridgePoints } from "@/lib/bridge-points/list-bridge-points";
import { listHosts } from "@/lib/schedule/list-hosts";
import type { TConferenceFormLabels } from "./conference-form";

/** What both the new and the edit page hand to ConferenceForm. */
export async function loadConferenceFormData(mode: "create" | "edit") {
  const [t, hosts, bridgePoints] = await Promise.all([getTranslations("conferenceForm"), listHosts(prisma), listBridgePoints(prisma)]);
  const active = bridgePoints.filter((bp) => bp.active);
  const labels: TConferenceFormLabels = {
    title: t("title"),
    description: t("description"),
    startsAt: t("startsAt"),
    endsAt: t("endsAt"),
    timeHint: t("timeHint"),
    host: t("host"),
    bridgePoints: t("bridgePoints"),
    allBridgePoints: t("allBridgePoints", { count: active.length }),
    record: t("record"),
    submit: mode === "create" ? t("create") : t("save"),
    saving: t("saving"),
  };
  return {
    heading: mode === "create" ? t("newTitle") : t("editTitle"),
    labels,
    hosts: hosts.map(({ id, name }) => ({ id, name })),
    bridgePoints: active.map(({ id, name }) => ({ id, name })),
  };
}

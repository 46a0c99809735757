import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/require-user";
import { ConferenceForm } from "../conference-form";
import { getDocumentsConnector } from "@/lib/documents/documents-connector";
import { loadConferenceFormData } from "../form-data";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("conferenceForm"))("newTitle") };
}

export default async function NewConferencePage() {
  const user = await requireRole("ADMIN", "STAFF");
  const { heading, labels, hosts, bridgePoints } = await loadConferenceFormData("create");
  const initial = {
    title: "",
    description: "",
    startsAt: "",
    endsAt: "",
    hostId: user.id,
    allBridgePoints: false,
    bridgePointIds: [],
    record: true,
  };
  return (
    <>
      <h1>{heading}</h1>
      <ConferenceForm initial={initial} hosts={hosts} bridgePoints={bridgePoints} labels={labels} documentLookupEnabled={getDocumentsConnector().lookup !== null} />
    </>
  );
}

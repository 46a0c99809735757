import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/require-user";
import { BasisLines } from "@/components/documents/basis-lines";
import { LinkedDocumentsPanel } from "@/components/documents/linked-documents-panel";
import { getDocumentsConnector } from "@/lib/documents/documents-connector";
import { listEventDocuments } from "@/lib/documents/list-document-links";
import { getEventDetail } from "@/lib/schedule/get-event-detail";
import { localDateKey, localTimeKey } from "@/lib/schedule/time-zone";
import { ConferenceForm } from "../../conference-form";
import { loadConferenceFormData } from "../../form-data";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("conferenceForm"))("editTitle") };
}

const toInput = (d: Date) => `${localDateKey(d)}T${localTimeKey(d)}`;

export default async function EditConferencePage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN", "STAFF");
  const event = await getEventDetail(prisma, (await params).id);
  if (!event || event.kind !== "CONFERENCE") notFound();
  const [{ heading, labels, hosts, bridgePoints }, documents, td] = await Promise.all([
    loadConferenceFormData("edit"),
    listEventDocuments(prisma, event.id),
    getTranslations("documents"),
  ]);
  const chosen = event.bridgePoints.map((bp) => bp.bridgePoint.id);
  const initial = {
    title: event.title,
    description: event.description ?? "",
    startsAt: toInput(event.startsAt),
    endsAt: toInput(event.endsAt),
    hostId: event.hostId,
    allBridgePoints: bridgePoints.every((bp) => chosen.includes(bp.id)),
    bridgePointIds: chosen,
    record: event.record,
  };
  return (
    <>
      <h1>
        {heading}: {event.title}
      </h1>
      <ConferenceForm eventId={event.id} initial={initial} hosts={hosts} bridgePoints={bridgePoints} labels={labels} />
      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{td("title")}</h2>
        <p className="muted">{td("linkedAtOnce")}</p>
        {documents.length > 0 && <BasisLines documents={documents} removeUrl={`/api/events/${event.id}/documents`} />}
        <LinkedDocumentsPanel apiUrl={`/api/events/${event.id}/documents`} lookupEnabled={getDocumentsConnector().lookup !== null} />
      </section>
    </>
  );
}

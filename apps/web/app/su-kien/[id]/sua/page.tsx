import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/require-user";
import { DocumentsSection } from "@/components/documents/documents-section";
import { listEventDocuments } from "@/lib/documents/list-document-links";
import { getEventDetail } from "@/lib/schedule/get-event-detail";
import { localDateKey, localTimeKey } from "@diemcau/calendar/time-zone";
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
  const [{ heading, labels, hosts, bridgePoints }, documents] = await Promise.all([loadConferenceFormData("edit"), listEventDocuments(prisma, event.id)]);
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
      <DocumentsSection documents={documents} apiUrl={`/api/events/${event.id}/documents`} />
    </>
  );
}

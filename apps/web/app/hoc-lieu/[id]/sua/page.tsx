import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DocumentsSection } from "@/components/documents/documents-section";
import { requireUser } from "@/lib/auth/require-user";
import { listMaterialDocuments } from "@/lib/documents/list-document-links";
import { loadMaterialAccess } from "@/lib/materials/material-access";
import { loadTranscript } from "@/lib/transcript/load-transcript";
import { suggestChapters } from "@/lib/transcript/suggest-chapters";
import { CaptionsUploadForm } from "./captions-upload-form";
import { MaterialForm } from "./material-form";
import { TranscriptEditor } from "./transcript-editor";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("materials"))("editTitle") };
}

export default async function EditMaterialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const access = await loadMaterialAccess(prisma, id, user);
  if (!access?.canView) notFound();
  if (!access.canEdit) forbidden();
  const [t, material, transcript] = await Promise.all([
    getTranslations("materials"),
    prisma.material.findUniqueOrThrow({
      where: { id },
      include: { chapters: { orderBy: { startSec: "asc" } }, recording: { select: { eventId: true } } },
    }),
    loadTranscript(prisma, id),
  ]);
  const documents = await listMaterialDocuments(prisma, material.id, material.recording?.eventId ?? null);
  return (
    <>
      <h1>{t("editTitle")}</h1>
      <MaterialForm
        materialId={material.id}
        initial={{
          title: material.title,
          description: material.description,
          subject: material.subject,
          grade: material.grade,
          tags: material.tags,
          visibility: material.visibility,
          published: material.published,
          allowDownload: material.allowDownload,
          trimStartSec: material.trimStartSec,
          trimEndSec: material.trimEndSec,
          chapters: material.chapters.map(({ startSec, title }) => ({ startSec, title })),
          timelineVersion: transcript.timelineVersion,
        }}
        suggestions={suggestChapters(transcript.slides, material.chapters)}
      />
      <DocumentsSection documents={documents} apiUrl={`/api/materials/${material.id}/documents`} />
      <CaptionsUploadForm materialId={material.id} />
      <TranscriptEditor materialId={material.id} lines={transcript.spoken} timelineVersion={transcript.timelineVersion} />
    </>
  );
}

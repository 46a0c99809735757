import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BasisLines } from "@/components/documents/basis-lines";
import { LinkedDocumentsPanel } from "@/components/documents/linked-documents-panel";
import { requireUser } from "@/lib/auth/require-user";
import { getDocumentsConnector } from "@/lib/documents/documents-connector";
import { listMaterialDocuments } from "@/lib/documents/list-document-links";
import { loadMaterialAccess } from "@/lib/materials/material-access";
import { MaterialForm } from "./material-form";

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
  const [t, td, material] = await Promise.all([
    getTranslations("materials"),
    getTranslations("documents"),
    prisma.material.findUniqueOrThrow({
      where: { id },
      include: { chapters: { orderBy: { startSec: "asc" } }, recording: { select: { eventId: true } } },
    }),
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
        }}
      />
      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{td("title")}</h2>
        <p className="muted">{td("linkedAtOnce")}</p>
        {documents.length > 0 && <BasisLines documents={documents} removeUrl={`/api/materials/${material.id}/documents`} />}
        <LinkedDocumentsPanel apiUrl={`/api/materials/${material.id}/documents`} lookupEnabled={getDocumentsConnector().lookup !== null} />
      </section>
    </>
  );
}

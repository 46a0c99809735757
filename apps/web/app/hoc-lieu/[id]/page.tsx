import { isNewsPublishingEnabled, publicUrls } from "@diemcau/connectors/news";
import { prisma } from "@diemcau/db";
import { toClipTimes } from "@diemcau/protocol";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { Link } from "@/components/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BasisLines } from "@/components/documents/basis-lines";
import { getCurrentUser, SIGN_IN_PATH } from "@/lib/auth/require-user";
import { listMaterialDocuments } from "@/lib/documents/list-document-links";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";
import { getConfig } from "@/lib/config";
import { formatDate, formatDateTime } from "@diemcau/calendar/display-date";
import { getMaterialDetail } from "@/lib/materials/get-material-detail";
import { findRelatedMaterials } from "@/lib/materials/list-materials";
import { loadMaterialAccess } from "@/lib/materials/material-access";
import { findEmbeddableMaterial } from "@/lib/news/find-embeddable-material";
import { listNewsLinks } from "@/lib/news/list-news-links";
import { getMediaStorage } from "@/lib/recordings/media-storage";
import { loadTranscript } from "@/lib/transcript/load-transcript";
import { MaterialPlayer } from "./material-player";
import { NewsSection } from "./news-section";
import styles from "./player.module.css";
import { ProcessingProgress } from "./processing-progress";
import { TranscriptionState } from "./transcription-state";

export const dynamic = "force-dynamic";

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ t?: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { id } = await params;
  const access = await loadMaterialAccess(prisma, id, await getCurrentUser());
  if (!access?.canView) return {};
  const material = await prisma.material.findUnique({ where: { id }, select: { title: true } });
  // oEmbed discovery, for what the portal may embed: a published public material.
  if (!material || !(await findEmbeddableMaterial(prisma, id))) return { title: material?.title };
  const base = publicBaseUrl(await headers());
  const oembed = publicUrls.oembed(base, publicUrls.material(base, id));
  return { title: material.title, alternates: { types: { "application/json+oembed": [{ url: oembed, title: material.title }] } } };
}

export default async function MaterialPage({ params, searchParams }: TProps) {
  const [{ id }, { t: startParam }] = await Promise.all([params, searchParams]);
  const user = await getCurrentUser();
  const access = await loadMaterialAccess(prisma, id, user);
  // Private materials look absent to those who may not see them; anonymous visitors may sign in first.
  if (!access?.canView) {
    if (!user && access) redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(`/hoc-lieu/${id}`)}`);
    notFound();
  }
  const [t, detail, transcript] = await Promise.all([getTranslations("materials"), getMaterialDetail(prisma, getMediaStorage(), id), loadTranscript(prisma, id)]);
  if (!detail) notFound();
  const { material, playlistPath, clip } = detail;
  const [related, documents, newsLinks] = await Promise.all([
    findRelatedMaterials(prisma, user, material),
    listMaterialDocuments(prisma, material.id, material.recording?.event?.id ?? null),
    listNewsLinks(prisma, material.id),
  ]);
  const isStaff = user?.role === "ADMIN" || user?.role === "STAFF";
  const media = `/media/${encodeURIComponent(material.id)}`;
  // `?t=` and chapters are on the recording's timeline; the player works on the served clip's.
  const startAt = startParam !== undefined && /^\d+(\.\d+)?$/.test(startParam) ? Math.max(0, Number(startParam) - clip.startSec) : null;
  const chapterSpans = material.chapters.map((chapter, index) => ({ ...chapter, endSec: material.chapters[index + 1]?.startSec ?? Number.POSITIVE_INFINITY }));
  const recording = material.recording;
  // Lines on the clip's timeline, as the player plays it; what was trimmed away is left out.
  const panelLines = toClipTimes([...transcript.spoken, ...transcript.slides], clip)
    .sort((a, b) => a.startSec - b.startSec)
    .map(({ id: lineId, startSec, endSec, text, source }) => ({ id: lineId, startSec, endSec, text, slide: source === "SLIDE" }));

  return (
    <article>
      <h1>
        {material.title}
        {material.isDemo ? (
          <>
            {" "}
            <span className={styles.demoBadge} data-testid="demo-material-badge">
              {t("demo")}
            </span>
          </>
        ) : null}
      </h1>
      {recording && recording.status !== "READY" ? (
        <ProcessingProgress
          materialId={material.id}
          initial={{ status: recording.status, progress: recording.progress, playlistPath, error: recording.error }}
        />
      ) : null}
      {playlistPath ? (
        <MaterialPlayer
          playlistUrl={`${media}/${playlistPath}`}
          posterUrl={recording?.status === "READY" && access.downloadMatchesTrim ? `${media}/poster.jpg` : null}
          captionsUrl={detail.hasCaptions ? `/api/materials/${material.id}/captions.vtt` : null}
          chaptersUrl={material.chapters.length > 0 ? `/api/materials/${material.id}/chapters.vtt` : null}
          thumbnailsUrl={detail.hasThumbnails && access.downloadMatchesTrim ? `${media}/thumbs/thumbnails.vtt` : null}
          chapters={toClipTimes(chapterSpans, clip).map(({ startSec, title }) => ({ startSec, title }))}
          startAt={startAt}
          trimStartSec={material.trimStartSec === null ? null : Math.max(0, material.trimStartSec - clip.startSec)}
          trimEndSec={material.trimEndSec === null ? null : material.trimEndSec - clip.startSec}
          viewsUrl={`/api/materials/${material.id}/views`}
          transcript={panelLines}
        />
      ) : (
        <p className="empty">{t("noVideoYet")}</p>
      )}
      <TranscriptionState
        materialId={material.id}
        hasSpeech={transcript.spoken.length > 0}
        finished={!recording || recording.finalizedAt !== null}
        canEdit={access.canEdit}
        initial={{ status: material.transcriptionStatus, progress: material.transcriptionProgress, error: material.transcriptionError }}
      />
      <p>
        {detail.hasMp4 && (material.allowDownload || access.canEdit) ? (
          access.downloadMatchesTrim ? (
            <a className="button" href={`${media}/download.mp4?download`} download>
              {t("download")}
            </a>
          ) : (
            <span className="muted" data-testid="download-preparing">
              {t("downloadPreparing")}
            </span>
          )
        ) : null}{" "}
        {access.canEdit ? (
          <Link className="button button--secondary" href={`/hoc-lieu/${material.id}/sua`}>
            {t("edit")}
          </Link>
        ) : null}
      </p>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("details")}</h2>
        <dl>
          {material.description ? (
            <>
              <dt>{t("fields.description")}</dt>
              <dd style={{ whiteSpace: "pre-line" }}>{material.description}</dd>
            </>
          ) : null}
          <dt>{t("fields.subject")}</dt>
          <dd>{material.subject ?? "—"}</dd>
          <dt>{t("fields.grade")}</dt>
          <dd>{material.grade ?? "—"}</dd>
          {material.tags.length > 0 ? (
            <>
              <dt>{t("fields.tags")}</dt>
              <dd>{material.tags.join(", ")}</dd>
            </>
          ) : null}
          <dt>{t("fields.visibility")}</dt>
          <dd>
            {t(`visibility.${material.visibility}`)}
            {material.published ? "" : ` — ${t("unpublished")}`}
          </dd>
          <dt>{t("fields.owner")}</dt>
          <dd>{material.owner.name}</dd>
          {recording?.event ? (
            <>
              <dt>{t("fields.event")}</dt>
              <dd>
                {recording.event.title} ({formatDate(recording.event.startsAt)})
              </dd>
            </>
          ) : null}
          <dt>{t("signature.label")}</dt>
          <dd data-testid="material-signature">
            {material.signature
              ? t("signature.signed", { signer: material.signature.signerName, time: formatDateTime(material.signature.signedAt) })
              : t("signature.unsigned")}{" "}
            <Link href={`/hoc-lieu/${material.id}/xac-minh`}>{t("signature.verify")}</Link>
          </dd>
          {recording?.durationSec ? (
            <>
              <dt>{t("fields.duration")}</dt>
              <dd>{t("minutes", { minutes: Math.max(1, Math.round(recording.durationSec / 60)) })}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {documents.length > 0 ? (
        <section aria-labelledby="documents-title">
          <h2 id="documents-title">{t("documents")}</h2>
          <BasisLines documents={documents} />
        </section>
      ) : null}

      {material.attachments.length > 0 ? (
        <section aria-labelledby="attachments-title">
          <h2 id="attachments-title">{t("attachments.title")}</h2>
          <ul>
            {material.attachments.map((attachment) => (
              <li key={attachment.id}>
                <a href={`/api/materials/${material.id}/attachments/${attachment.id}`}>{attachment.fileName}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <NewsSection
        materialId={material.id}
        links={newsLinks}
        canPublish={isStaff && isNewsPublishingEnabled(getConfig())}
        publishable={material.published && material.visibility === "PUBLIC"}
      />

      {related.length > 0 ? (
        <section aria-labelledby="related-title">
          <h2 id="related-title">{t("related")}</h2>
          <ul>
            {related.map((item) => (
              <li key={item.id}>
                <Link href={`/hoc-lieu/${item.id}`}>{item.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getMaterialDetail } from "@/lib/materials/get-material-detail";
import { downloadMatchesTrim } from "@/lib/materials/material-access";
import { findEmbeddableMaterial } from "@/lib/news/find-embeddable-material";
import { getMediaStorage } from "@/lib/recordings/media-storage";
import { EmbedPlayer } from "./embed-player";

export const dynamic = "force-dynamic";

type TProps = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const material = await findEmbeddableMaterial(prisma, (await params).id);
  return { title: material?.title, robots: { index: false } };
}

/** The player alone, for a news portal's iframe (oEmbed): public, published materials only. */
export default async function EmbedPage({ params }: TProps) {
  const { id } = await params;
  const material = await findEmbeddableMaterial(prisma, id);
  const detail = material ? await getMaterialDetail(prisma, getMediaStorage(), id) : null;
  if (!material || !detail?.playlistPath) notFound();
  const media = `/media/${encodeURIComponent(id)}`;
  // As on the material page: the served playlist starts at the clip, and the poster waits for a new cut.
  const { clip } = detail;
  return (
    <EmbedPlayer
      title={material.title}
      materialUrl={`/hoc-lieu/${encodeURIComponent(id)}`}
      playlistUrl={`${media}/${detail.playlistPath}`}
      posterUrl={material.recording?.status === "READY" && downloadMatchesTrim(material) ? `${media}/poster.jpg` : null}
      captionsUrl={detail.hasCaptions ? `/api/materials/${encodeURIComponent(id)}/captions.vtt` : null}
      trimStartSec={material.trimStartSec === null ? null : Math.max(0, material.trimStartSec - clip.startSec)}
      trimEndSec={material.trimEndSec === null ? null : material.trimEndSec - clip.startSec}
    />
  );
}

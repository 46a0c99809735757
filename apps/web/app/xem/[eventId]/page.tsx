import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/require-user";
import { getConfig } from "@/lib/config";
import { loadLiveWatch } from "@/lib/recordings/can-watch-event";
import { createLiveToken } from "@/lib/recordings/live-token";
import { LivePlayer } from "./live-player";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("materials.watch"))("title") };
}

/** Live viewing for people outside the room: the recorder's HLS, no media-server consumer per viewer. */
export default async function WatchPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  const user = await requireUser();
  const [t, watch] = await Promise.all([getTranslations("materials.watch"), loadLiveWatch(prisma, eventId, user)]);
  if (!watch) notFound();
  if (!watch.allowed) forbidden();
  const token = watch.recording ? createLiveToken(watch.recording.id, getConfig().AUTH_SECRET) : null;
  return (
    <>
      <h1>{watch.event.title}</h1>
      {token ? (
        <>
          <p className="status status--live">{t("live")}</p>
          <LivePlayer src={`/xem/${encodeURIComponent(eventId)}/live/${token}/index.m3u8`} />
        </>
      ) : (
        <p className="empty">{t("notLive")}</p>
      )}
    </>
  );
}

import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/require-user";
import { getConfig } from "@/lib/config";
import { loadLiveWatch } from "@/lib/recordings/can-watch-event";
import { createLiveToken } from "@/lib/recordings/live-token";
import { revokeLiveWatchLinks } from "./actions";
import { LivePlayer } from "./live-player";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("materials.watch"))("title") };
}

/** Live viewing for people outside the room: the recorder's HLS, no media-server consumer per viewer. */
export default async function WatchPage({ params, searchParams }: { params: Promise<{ eventId: string }>; searchParams: Promise<{ "thu-hoi"?: string }> }) {
  const [{ eventId }, { "thu-hoi": revoked }] = await Promise.all([params, searchParams]);
  const user = await requireUser();
  const [t, watch] = await Promise.all([getTranslations("materials.watch"), loadLiveWatch(prisma, eventId, user)]);
  if (!watch) notFound();
  if (!watch.allowed) forbidden();
  const canRevoke = watch.event.hostId === user.id || user.role === "ADMIN" || user.role === "STAFF";
  const token = watch.recording
    ? createLiveToken(
        { recordingId: watch.recording.id, eventId, viewerId: user.id, watchVersion: watch.event.liveWatchVersion },
        getConfig().AUTH_SECRET,
      )
    : null;
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
      {canRevoke ? (
        <form action={revokeLiveWatchLinks.bind(null, eventId)}>
          {revoked ? (
            <p role="status" className="flash" data-testid="live-links-revoked">
              {t("revoked")}
            </p>
          ) : null}
          <p className="muted">{t("revokeHint")}</p>
          <button type="submit" className="button button--ghost">
            {t("revoke")}
          </button>
        </form>
      ) : null}
    </>
  );
}

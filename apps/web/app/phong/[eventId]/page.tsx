import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser, SIGN_IN_PATH } from "@/lib/auth/require-user";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors/app-error";
import { cookies } from "next/headers";
import { GUEST_COOKIE, readGuestId } from "@/lib/meetings/guest-identity";
import { issueJoinToken } from "@/lib/meetings/issue-join-token";
import { takeJoinToken } from "@/lib/meetings/join-token-rate-limit";
import { recordInviteAdmission } from "@/lib/meetings/manage-invites";
import { resolveMeetingAccess } from "@/lib/meetings/resolve-meeting-access";
import { MeetingRoom } from "@/components/meeting/meeting-room";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ eventId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meeting");
  return { title: t("pageTitle") };
}

/** The room: who may enter is decided here (and again when the token is issued), then the client takes over. */
export default async function MeetingPage({ params, searchParams }: Props) {
  const [{ eventId }, query, user, t] = await Promise.all([params, searchParams, getCurrentUser(), getTranslations("meeting")]);
  const invite = single(query.moi);
  if (!user && !invite) redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(`/phong/${eventId}`)}`);

  const secret = getConfig().AUTH_SECRET;
  const guestId = user ? null : readGuestId((await cookies()).get(GUEST_COOKIE)?.value, secret);
  const { event, access, guest } = await resolveMeetingAccess(prisma, eventId, user, invite ? { token: invite, secret, guestId } : null);
  if (!event) notFound();
  if (!access.ok) {
    return (
      <section className="notice meeting-refused" role="alert" data-testid="meeting-refused" data-code={access.code}>
        <h1>{event.title}</h1>
        <p className="lead">{access.message}</p>
        <p className="muted">
          {t("refusedCode")} {access.code}
        </p>
      </section>
    );
  }

  const scheduledBridgePoints = event.bridgePoints.map(({ bridgePoint }) => ({
    id: bridgePoint.id,
    name: bridgePoint.name,
    district: `${bridgePoint.district.kind} ${bridgePoint.district.name}`,
  }));
  const ownBridgePoint = access.bridgePointId ? scheduledBridgePoints.find((b) => b.id === access.bridgePointId) : undefined;
  // A member's first token comes with the page, so the browser connects while the preview shows
  // without asking for one; a guest's needs the name typed on the preview.
  // Past the token rate limit the page comes without one, and the client's own request says why.
  const withinLimit = !guest && (await takeJoinToken(user!.id, getConfig().JOIN_TOKENS_PER_MINUTE).then(() => true, () => false));
  if (withinLimit && access.inviteId) await recordInviteAdmission(prisma, access.inviteId, user!.id);
  // With no media-server node alive the page still shows; the client's own request says why.
  const firstToken = withinLimit
    ? await issueJoinToken(event, access, { userId: user!.id, displayName: user!.name }).catch((error: unknown) => {
        if (error instanceof AppError) return null;
        throw error;
      })
    : null;
  return (
    <MeetingRoom
      eventId={event.id}
      title={event.title}
      displayName={guest ? null : user!.name}
      role={access.role}
      askToSpeak={access.askToSpeak === true}
      invite={invite}
      firstToken={firstToken && { token: firstToken.token, mediaServerUrl: firstToken.mediaServerUrl }}
      bridgePoint={ownBridgePoint ? { id: ownBridgePoint.id, label: `${ownBridgePoint.name} — ${ownBridgePoint.district}` } : null}
      scheduledBridgePoints={scheduledBridgePoints}
      capture={single(query.camera)}
    />
  );
}
